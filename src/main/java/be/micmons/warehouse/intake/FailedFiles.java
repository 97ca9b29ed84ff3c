package be.micmons.warehouse.intake;

import be.micmons.warehouse.privacy.LogSafe;
import be.micmons.warehouse.privacy.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.stereotype.Component;

/**
 * Route step of the {@code refused-files} error handling (routes/inbox.camel.yaml): a file that
 * cannot be imported goes to {@code .failed/} beside it, with {@code <name>.errors.txt} saying why
 * in plain words (no personal value quoted, DESIGN §16).
 */
@Component
public class FailedFiles {

    /** Writes {@code <name>.errors.txt} in the refusal's {@code .failed/} folder, then moves the file there. */
    public void setAside(FileRefusedException refusal) throws IOException {
        Path file = refusal.file();
        if (!Files.exists(file)) {
            return;
        }
        Path failedDir = refusal.failedDir();
        Files.createDirectories(failedDir);
        String name = file.getFileName().toString();
        Files.writeString(failedDir.resolve(name + ".errors.txt"),
                "File: " + LogSafe.text(name) + System.lineSeparator()
                        + "Import: " + refusal.importId() + System.lineSeparator()
                        + "Why it was not imported: " + Redaction.scrub(refusal.reason()) + System.lineSeparator(),
                StandardCharsets.UTF_8);
        Files.move(file, failedDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
