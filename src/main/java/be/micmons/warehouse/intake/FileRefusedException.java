package be.micmons.warehouse.intake;

import java.nio.file.Path;

/**
 * What {@link IntakeService} signals to the intake routes once a claimed file proved it cannot be
 * imported at all: the import is claimed (RUNNING), its archive copy kept or dropped, nothing of it
 * loaded. The route's {@code onException} then sets the file aside in {@code .failed/} with its
 * reasons ({@link FailedFiles}) and only then marks the import FAILED ({@link IntakeService#refused}).
 * The message is the plain reason, already scrubbed of personal values (DESIGN §16).
 * (A loader says why a file is refused with {@link FileRejectedException}; this one carries that
 * reason out of the bean with the import it belongs to.)
 */
public class FileRefusedException extends Exception {
    private final long importId;
    private final String source;
    private final String partner;
    private final transient Path file;
    private final transient Path failedDir;

    public FileRefusedException(long importId, String source, String partner, Path file, Path failedDir, String reason) {
        super(reason, null, false, false); // a signal, not a fault: no stack trace
        this.importId = importId;
        this.source = source;
        this.partner = partner;
        this.file = file;
        this.failedDir = failedDir;
    }

    public long importId() {
        return importId;
    }

    public String source() {
        return source;
    }

    /** The partner (the inbox sub-folder) or null. */
    public String partner() {
        return partner;
    }

    /** The file as it was imported (in the inbox, or where a pull staged it). */
    public Path file() {
        return file;
    }

    /** Where the file and its {@code .errors.txt} go. */
    public Path failedDir() {
        return failedDir;
    }

    /** The plain reason, as written in {@code .errors.txt} and the ledger. */
    public String reason() {
        return getMessage();
    }
}
