package be.micmons.warehouse.intake;

/** The whole file cannot be imported; the message is written for a person, in plain words. */
public class FileRejectedException extends Exception {
    private final boolean configuration;

    public FileRejectedException(String message) {
        this(message, null, false);
    }

    public FileRejectedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private FileRejectedException(String message, Throwable cause, boolean configuration) {
        super(message, cause);
        this.configuration = configuration;
    }

    /**
     * Refused because of the app's configuration (no layout for the partner, a wrong layout, an
     * unknown provider folder), not because of its content: the file is archived so that it can be
     * replayed once the configuration is fixed. Any other refusal before the first row is not.
     */
    public static FileRejectedException configuration(String message, Throwable cause) {
        return new FileRejectedException(message, cause, true);
    }

    public boolean aboutConfiguration() {
        return configuration;
    }
}
