package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start: creates the watched folders, and on the first start of an empty embedded warehouse
 * copies {@code samples/} into the inbox so the quick start shows figures (mic.demo.load-samples).
 */
@Component
public class InboxSetup {
    private static final Logger log = LoggerFactory.getLogger(InboxSetup.class);
    private final MicProperties props;
    private final List<InboxFolders> folders;
    private final JdbcTemplate jdbc;
    private final boolean embedded;

    public InboxSetup(MicProperties props, List<InboxFolders> folders, JdbcTemplate jdbc,
                      ObjectProvider<EmbeddedPostgres> embeddedPostgres) {
        this.props = props;
        this.folders = folders;
        this.jdbc = jdbc;
        this.embedded = embeddedPostgres.getIfAvailable() != null;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() throws IOException {
        Path inbox = props.inboxDir();
        for (InboxFolders source : folders) {
            for (String id : source.ids()) {
                Files.createDirectories(inbox.resolve(source.source()).resolve(id));
            }
        }
        Files.createDirectories(inbox.resolve("hr"));
        boolean load = props.demo().loadSamples() != null ? props.demo().loadSamples() : embedded;
        Long imports = jdbc.queryForObject("select count(*) from ops.import", Long.class);
        if (load && imports != null && imports == 0 && Files.isDirectory(props.demo().samplesDir())) {
            int n = copySamples(props.demo().samplesDir(), inbox);
            log.info("Empty warehouse: {} sample files copied from {} into the inbox", n, props.demo().samplesDir());
        }
        log.info("Watching {} (incubators/<partner>/, exams/<provider>/, hr/). Figures: GET /api/kpis?phase=2009-2011,"
                + " imports: GET /api/imports", inbox.toAbsolutePath().normalize());
    }

    private static int copySamples(Path samples, Path inbox) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = samples.relativize(f);
                if (rel.getNameCount() < 2 || rel.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Path target = inbox.resolve(rel.toString());
                Files.createDirectories(target.getParent());
                // copy beside, then rename: the intake never sees a half-copied file
                Path tmp = target.resolveSibling("." + target.getFileName() + ".copying");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                n++;
            }
        }
        return n;
    }
}
