package be.micmons.warehouse.ops;

/**
 * An operation that is valid but that the warehouse's state does not allow now (a run already
 * running, a pull not configured…). The web layer answers it 409.
 */
public class OperationConflictException extends RuntimeException {
    public OperationConflictException(String message) {
        super(message);
    }
}
