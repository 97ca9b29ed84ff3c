package be.micmons.warehouse.intake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The archive's life (DESIGN §16): at start, a one-time upgrade of files an earlier version kept in
 * clear (in the background; a replay reads either form meanwhile); each night, the purge of raw
 * files whose content was last received more than {@code mic.archive.retention} (default P10Y,
 * ISO-8601 period or duration) ago. Ledger rows, hashes and figures stay; a purged content is
 * written to {@code ops.archive_purge} so a re-import says why it cannot be done.
 */
@Component
public class ArchiveRetention {
    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    private final Archive archive;
    private final JdbcTemplate jdbc;
    private final String retention;

    public ArchiveRetention(Archive archive, JdbcTemplate jdbc, @Value("${mic.archive.retention:P10Y}") String retention) {
        this.archive = archive;
        this.jdbc = jdbc;
        this.retention = retention;
        cutoff(Instant.now()); // a wrong value stops the start, not the first night
    }

    @EventListener(ApplicationReadyEvent.class)
    public void upgradeInBackground() {
        Thread t = new Thread(() -> {
            try {
                archive.upgrade();
            } catch (IOException | RuntimeException e) {
                log.warn("The archive could not be upgraded (files kept in clear by an earlier version stay so;"
                        + " it is tried again at the next start): {}", e.toString());
            }
        }, "archive-upgrade");
        t.setDaemon(true);
        t.start();
    }

    /** Purges what the retention no longer keeps; returns a line for the nightly run's message. */
    public String purge() {
        Instant cutoff = cutoff(Instant.now());
        List<Map<String, Object>> old = jdbc.queryForList("""
                select i.source, i.sha256 from ops.import i
                where i.sha256 is not null and i.archive_path is not null
                  and not exists (select 1 from ops.archive_purge p where p.source = i.source and p.sha256 = i.sha256)
                group by i.source, i.sha256
                having max(i.received_at) < ?""", java.sql.Timestamp.from(cutoff));
        int purged = 0;
        for (Map<String, Object> f : old) {
            String source = (String) f.get("source");
            String sha = (String) f.get("sha256");
            try {
                archive.purge(source, sha);
                jdbc.update("insert into ops.archive_purge (source, sha256) values (?, ?) on conflict do nothing",
                        source, sha);
                purged++;
            } catch (IOException e) {
                log.warn("Archived file {}/{} could not be purged: {}", source, sha, e.getMessage());
            }
        }
        String line = "archive retention " + retention + ": " + purged + " file(s) received before "
                + cutoff.atOffset(ZoneOffset.UTC).toLocalDate() + " purged";
        if (purged > 0) {
            log.info("{}", line);
        }
        return line;
    }

    private Instant cutoff(Instant now) {
        String r = retention.strip().toUpperCase(java.util.Locale.ROOT);
        if (r.contains("T")) {
            return now.minus(Duration.parse(r));
        }
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minus(Period.parse(r)).toInstant();
    }
}
