package be.micmons.warehouse.layout;

/** A layout file that cannot be used; the message names the file and the wrong key. */
public class LayoutException extends Exception {
    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
