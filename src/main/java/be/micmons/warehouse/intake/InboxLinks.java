package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.privacy.LogSafe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inbox never follows a symbolic link (DESIGN §16): a linked file, or a file under a linked
 * folder, is neither read, moved nor archived. It is left where it is, said once in the log and
 * recorded once as a FAILED import (no content, no archive) so the console shows it.
 */
@Component
public class InboxLinks {
    private static final Logger log = LoggerFactory.getLogger(InboxLinks.class);
    private static final int REMEMBERED = 10_000;

    private final Path inbox;
    private final ImportLedger ledger;
    private final Map<Path, Boolean> told = new ConcurrentHashMap<>();

    public InboxLinks(MicProperties props, ImportLedger ledger) {
        this.inbox = props.inboxDir().toAbsolutePath().normalize();
        this.ledger = ledger;
    }

    /** True when the path is, or lies under, a symbolic link inside the inbox. */
    public boolean refuses(Path file, String source) {
        Path link = link(file);
        if (link == null) {
            return false;
        }
        if (told.size() < REMEMBERED && told.putIfAbsent(file.toAbsolutePath().normalize(), Boolean.TRUE) == null) {
            String reason = (link.equals(file.toAbsolutePath().normalize()) ? "The file is a symbolic link"
                    : "The folder " + inbox.relativize(link) + " is a symbolic link")
                    + "; links are never followed in the inbox, so it was not read and was left where it is."
                    + " Copy the file itself into the inbox.";
            String name = file.getFileName().toString();
            log.warn("{} ({}): {}", LogSafe.text(inbox.relativize(file.toAbsolutePath().normalize()).toString()),
                    source, reason);
            try {
                String partner = "hr".equals(source) ? null : file.getParent().getFileName().toString();
                long id = ledger.start(source, partner, name, "FILE_DROP");
                ledger.failed(id, reason);
            } catch (RuntimeException e) {
                log.debug("the refusal could not be recorded: {}", e.getMessage());
            }
        }
        return true;
    }

    /** The first symbolic link on the way from the inbox to the file, or null. */
    private Path link(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(inbox)) {
            return Files.isSymbolicLink(abs) ? abs : null;
        }
        Path p = inbox;
        for (Path part : inbox.relativize(abs)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return p;
            }
        }
        return null;
    }
}
