package be.micmons.warehouse.intake;

/** The whole file cannot be imported; the message is written for a person, in plain words. */
public class FileRejectedException extends Exception {
    public FileRejectedException(String message) {
        super(message);
    }

    public FileRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
