package be.micmons.warehouse.intake;

/**
 * The warehouse could not be reached (refused or lost connection) while a dropped file was being
 * imported: nothing of it was committed and the file is still in the inbox. The intake routes retry
 * it with Camel redelivery (routes/inbox.camel.yaml, route configuration {@code warehouse-outage}).
 */
public class WarehouseUnavailableException extends Exception {
    public WarehouseUnavailableException(Throwable cause) {
        super("the warehouse cannot be reached: " + cause.getMessage(), cause);
    }
}
