package be.micmons.warehouse.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The archive's life (DESIGN §16): at start, a one-time upgrade of files an earlier version kept in
 * clear (in the background; a replay reads either form meanwhile); each night, the purge of raw
 * files whose content was last received more than {@code mic.archive.retention} (default P10Y,
 * ISO-8601 period or duration) ago. Ledger rows, hashes and figures stay; a purged content is
 * written to {@code ops.archive_purge} so a re-import says why it cannot be done. Each night too, the
 * sweep of copies that no import refers to (see {@link #sweep}).
 */
@Component
public class ArchiveRetention {
    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    /** The content an import row names: its sha256, or for a pull the file name of its archived copy. */
    private static final String CONTENT_OF_IMPORT = "coalesce(sha256, substring(archive_path from '[0-9a-f]{64}$'))";
    private static final int SWEEP_BATCH = 10_000;

    private final Archive archive;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String retention;

    public ArchiveRetention(Archive archive, JdbcTemplate jdbc, TransactionTemplate tx,
                            @Value("${mic.archive.retention:P10Y}") String retention) {
        this.archive = archive;
        this.jdbc = jdbc;
        this.tx = tx;
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
        // a pull's import has no sha256 (two pulls may receive the same answer): its copy is named by archive_path
        List<Map<String, Object>> old = jdbc.queryForList("""
                select c.source, c.sha256 from (
                    select source, received_at, archive_path,\s""" + CONTENT_OF_IMPORT + """
                     as sha256
                    from ops.import where sha256 is not null or archive_path is not null) c
                where c.sha256 is not null
                  and not exists (select 1 from ops.archive_purge p where p.source = c.source and p.sha256 = c.sha256)
                group by c.source, c.sha256
                having max(c.received_at) < ? and bool_or(c.archive_path is not null)""",
                java.sql.Timestamp.from(cutoff));
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

    /**
     * Removes the archived copies that no import refers to, written more than a day ago: left by an
     * instance killed between storing a copy and its import's commit (an HR pull's answer, which the
     * next pull receives again; a dropped file's copy is referred to again when the file is imported
     * anew). Each such copy is moved aside, the ledger asked again under the lock that pulls take
     * to store, and only then deleted: an import storing the same content meanwhile wrote a copy of
     * its own, or is seen by the second look and gets this one back.
     */
    public String sweep() {
        int removed = tx.execute(s -> {
            jdbc.execute(Archive.SWEEP_LOCK);
            try {
                Archive.Survey survey = archive.survey(Instant.now().minus(Archive.STALE_WORK_FILE));
                if (survey.putBack() > 0) {
                    log.info("Archive sweep: {} copy(ies) set aside by an interrupted sweep put back", survey.putBack());
                }
                List<Archive.Content> orphans = unreferenced(survey.writtenBefore());
                Map<Archive.Content, Path> aside = new LinkedHashMap<>();
                for (Archive.Content c : orphans) {
                    Path p = archive.setAside(c);
                    if (p != null) {
                        aside.put(c, p);
                    }
                }
                Set<Archive.Content> still = new HashSet<>(unreferenced(new ArrayList<>(aside.keySet())));
                int deleted = 0;
                for (Map.Entry<Archive.Content, Path> e : aside.entrySet()) {
                    if (still.contains(e.getKey())) {
                        Files.delete(e.getValue());
                        log.info("Archive sweep: copy {}/{} removed (no import refers to it)",
                                e.getKey().source(), e.getKey().sha256());
                        deleted++;
                    } else {
                        archive.putBack(e.getValue(), e.getKey());
                    }
                }
                return deleted;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return "archive sweep: " + removed + " copy(ies) that no import refers to removed";
    }

    /** Of these contents, those that no import row names (by its sha256, or a pull's by its archive_path). */
    private List<Archive.Content> unreferenced(List<Archive.Content> contents) {
        List<Archive.Content> found = new ArrayList<>();
        for (int from = 0; from < contents.size(); from += SWEEP_BATCH) {
            List<Archive.Content> batch = contents.subList(from, Math.min(contents.size(), from + SWEEP_BATCH));
            String[] sources = batch.stream().map(Archive.Content::source).toArray(String[]::new);
            String[] shas = batch.stream().map(Archive.Content::sha256).toArray(String[]::new);
            found.addAll(jdbc.execute((ConnectionCallback<List<Archive.Content>>) c -> {
                Array a = c.createArrayOf("text", sources);
                Array b = c.createArrayOf("text", shas);
                return jdbc.query("""
                        select k.source, k.sha256 from unnest(?::text[], ?::text[]) as k(source, sha256)
                        where not exists (select 1 from ops.import i
                                          where i.source = k.source and\s""" + CONTENT_OF_IMPORT + " = k.sha256)",
                        (rs, n) -> new Archive.Content(rs.getString(1), rs.getString(2)), a, b);
            }));
        }
        return found;
    }

    private Instant cutoff(Instant now) {
        String r = retention.strip().toUpperCase(java.util.Locale.ROOT);
        if (r.contains("T")) {
            return now.minus(Duration.parse(r));
        }
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minus(Period.parse(r)).toInstant();
    }
}
