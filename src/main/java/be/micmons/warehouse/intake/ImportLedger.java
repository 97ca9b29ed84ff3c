package be.micmons.warehouse.intake;

import be.micmons.warehouse.warehouse.CopyWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import be.micmons.warehouse.warehouse.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The {@code ops.import} ledger (DESIGN §8): one row per file or pull, RUNNING committed first. */
@Component
public class ImportLedger {
    private static final Logger log = LoggerFactory.getLogger(ImportLedger.class);
    /** The statuses whose rows count (ops.is_live but RUNNING). */
    public static final Set<String> COUNTED = Set.of("LOADED", "LOADED_WITH_REJECTS");

    /** First key of the advisory lock that serializes the DUPLICATE rows of one content ('MIC' + 1). */
    private static final int DUPLICATE_LOCK = 0x4D494301;
    private final JdbcTemplate jdbc;
    private final String node;
    private final MeterRegistry meters;
    private final HoldProperties hold;
    private final ApplicationEventPublisher events;

    /** Without metrics nor hold alerts (tests that build the ledger by hand). */
    public ImportLedger(JdbcTemplate jdbc) {
        this(jdbc, new SimpleMeterRegistry(), new HoldProperties(10, 1000), e -> { });
    }

    @Autowired
    public ImportLedger(JdbcTemplate jdbc, MeterRegistry meters, HoldProperties hold, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.node = nodeName();
        this.meters = meters;
        this.hold = hold;
        this.events = events;
    }

    /**
     * The one place where a finished import changes status (withdraw, approve, hold, supersede), on
     * the caller's transaction and only from one of the statuses given: figures derived from the
     * ledger (incremental marts, alerts) hook here. Returns the status it had, or empty when it was
     * in none of them (it changed meanwhile, or never was).
     */
    public Optional<String> changeStatus(Connection tx, long importId, Collection<String> from, String to,
                                         String reason) throws Exception {
        try (var ps = tx.prepareStatement("""
                with old as (select id, status from ops.import where id = ? and status = any(?) for update)
                update ops.import i set status = ?, status_reason = ?, status_changed_at = clock_timestamp()
                from old where i.id = old.id
                returning old.status""")) {
            ps.setLong(1, importId);
            ps.setArray(2, tx.createArrayOf("text", from.toArray()));
            ps.setString(3, to);
            ps.setString(4, reason);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String was = rs.getString(1);
                log.info("Import {}: {} -> {}{}", importId, was, to, reason == null ? "" : " (" + reason + ")");
                return Optional.of(was);
            }
        }
    }

    /** Withdraws a finished import (DESIGN §9): its rows stop counting, its archived file stays for a re-import. */
    public Optional<String> withdraw(Connection tx, long importId, String reason) throws Exception {
        return changeStatus(tx, importId, Set.of("LOADED", "LOADED_WITH_REJECTS", "HELD"), "WITHDRAWN", reason);
    }

    /** Approves a HELD import: it counts from the commit on, with the status its load gave it. */
    public Optional<String> approve(Connection tx, long importId) throws Exception {
        Long rejected;
        try (var ps = Sql.prepare(tx, "select rows_rejected from ops.import where id = ? and status = 'HELD'", importId);
             var rs = ps.executeQuery()) {
            rejected = rs.next() ? rs.getLong(1) : null;
        }
        if (rejected == null) {
            return Optional.empty();
        }
        return changeStatus(tx, importId, Set.of("HELD"), rejected > 0 ? "LOADED_WITH_REJECTS" : "LOADED", null);
    }

    /**
     * The hold rule (DESIGN §9), on the load's own transaction, right after it finished: far larger
     * than anything its source and partner sent before, it becomes HELD (loaded, not counted). The
     * first import of a source and partner, and a re-import (an admin's replay), are never held.
     */
    private boolean holdIfImplausible(Connection tx, long importId) throws Exception {
        long rows;
        Long largest;
        String source;
        String partner;
        String fileName;
        try (var ps = Sql.prepare(tx, Sql.resource("sql/console/hold-baseline.sql"), importId);
             var rs = ps.executeQuery()) {
            if (!rs.next() || rs.getBoolean("reimport")) {
                return false;
            }
            rows = rs.getLong("rows_read");
            largest = rs.getObject("largest_earlier") == null ? null : rs.getLong("largest_earlier");
            source = rs.getString("source");
            partner = rs.getString("partner");
            fileName = rs.getString("file_name");
        }
        if (largest == null || rows < hold.holdMinRows() || rows <= hold.holdFactor() * largest) {
            return false;
        }
        double ratio = Math.floor(10.0 * rows / largest) / 10.0;
        String reason = rows + " rows, " + ratio + " times more than the largest earlier import of this source"
                + " and partner (" + largest + " rows): held until an admin approves or withdraws it";
        if (changeStatus(tx, importId, COUNTED, "HELD", reason).isEmpty()) {
            return false;
        }
        Sql.update(tx, "update ops.import set hold_ratio = ?, hold_baseline_rows = ? where id = ?",
                java.math.BigDecimal.valueOf(ratio), largest, importId);
        held(new ImportHeldEvent(importId, source, partner, fileName, rows, largest, ratio));
        return true;
    }

    /** Where an import becomes HELD: the event goes out once the hold is committed (the alert mail listens). */
    private void held(ImportHeldEvent event) {
        log.warn("Import {}: {} ({}/{}) is HELD: {} rows, {} times more than the largest earlier import ({} rows);"
                        + " it counts only once approved (POST /api/imports/{}/approve)", event.importId(),
                event.fileName(), event.source(), event.partner() == null ? "-" : event.partner(), event.rows(),
                event.ratio(), event.largestEarlierRows(), event.importId());
        afterCommit(() -> events.publishEvent(event));
    }

    /** Claims a file's content: a RUNNING row, committed, or empty when a live import already has it. */
    public Optional<Long> claim(String source, String partner, String fileName, String sha256, String trigger) {
        try {
            return Optional.ofNullable(jdbc.queryForObject("""
                    insert into ops.import (source, partner, file_name, sha256, trigger, status, node)
                    values (?, ?, ?, ?, ?, 'RUNNING', ?) returning id""",
                    Long.class, source, partner, fileName, sha256, trigger, node));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * Claims an ADMIN re-import of a live archived import: a RUNNING row that does not take the
     * content claim (the replayed import keeps it until the re-import commits); empty when that
     * import is not live or has no archived file. A re-import of it already running: DuplicateKeyException.
     */
    public Optional<Long> claimReimport(long oldImportId) {
        return jdbc.queryForList("""
                insert into ops.import (source, partner, file_name, sha256, trigger, status, node, archive_path,
                                        received_at, reimport_of)
                select source, partner, file_name, sha256, 'ADMIN', 'RUNNING', ?, archive_path, received_at, id
                from ops.import
                where id = ? and archive_path is not null and sha256 is not null
                  and (status in ('LOADED', 'LOADED_WITH_REJECTS') or (status = 'WITHDRAWN' and superseded_by is null))
                returning id""", Long.class, node, oldImportId).stream().findFirst();
    }

    /**
     * On the re-import's own transaction: the replayed import leaves the figures, and the new one
     * enters them, when this transaction commits. False when it is no longer live.
     */
    public boolean supersede(Connection tx, long oldImportId, long newImportId) throws Exception {
        if (changeStatus(tx, oldImportId, COUNTED, "SUPERSEDED", null).isPresent()) {
            Sql.update(tx, "update ops.import set superseded_by = ? where id = ?", newImportId, oldImportId);
            return true;
        }
        // a WITHDRAWN import replayed: it stays WITHDRAWN (its rows counted nowhere), and names its replay
        return Sql.update(tx, """
                update ops.import set superseded_by = ?
                where id = ? and status = 'WITHDRAWN' and superseded_by is null""", newImportId, oldImportId) == 1;
    }

    /** Starts an import that is not a file (a pull). */
    public long start(String source, String partner, String what, String trigger) {
        return jdbc.queryForObject("""
                insert into ops.import (source, partner, file_name, trigger, status, node)
                values (?, ?, ?, ?, 'RUNNING', ?) returning id""",
                Long.class, source, partner, what, trigger, node);
    }

    /** A RUNNING import's file and place, for running it. */
    public Map<String, Object> running(long importId) {
        return jdbc.queryForMap("""
                select source, partner, file_name, sha256, archive_path, reimport_of from ops.import
                where id = ? and status = 'RUNNING'""", importId);
    }

    /** The RUNNING import holding this content's claim, if any. */
    public Optional<Long> runningHolder(String source, String partner, String sha256) {
        return jdbc.queryForList("""
                select id from ops.import
                where source = ? and coalesce(partner, '') = coalesce(?, '') and sha256 = ?
                  and status = 'RUNNING' and reimport_of is null
                order by id limit 1""", Long.class, source, partner, sha256).stream().findFirst();
    }

    /** A live import: its id and status. */
    public record Live(long id, String status) {}

    /**
     * The live import that took this very file: same place, name and content, claimed after the file
     * last changed. Such a file is still in the inbox only between that import's commit and its removal
     * (or because its instance died in between): it is not a re-delivery.
     */
    public Optional<Live> importOfThisFile(String source, String partner, String fileName, String sha256,
                                           java.time.Instant lastModified) {
        return jdbc.query("""
                select id, status from ops.import
                where source = ? and coalesce(partner, '') = coalesce(?, '') and sha256 = ? and file_name = ?
                  and status in ('LOADED', 'LOADED_WITH_REJECTS', 'HELD') and trigger = 'FILE_DROP' and started_at >= ?
                order by id limit 1""", (rs, i) -> new Live(rs.getLong(1), rs.getString(2)),
                source, partner, sha256, fileName, java.sql.Timestamp.from(lastModified)).stream().findFirst();
    }

    /**
     * Records a re-delivered file: a finished DUPLICATE row pointing to the import that has it; empty
     * when no live import has the content any more (the one that had it has just FAILED). The row an
     * instance already wrote for this very file (unchanged since) is returned instead of a second one:
     * two instances polling one inbox may both take the same re-delivered file.
     */
    public Optional<Long> duplicate(String source, String partner, String fileName, String sha256, String trigger,
                                    java.time.Instant unchangedSince) {
        java.sql.Timestamp since = unchangedSince == null ? null : java.sql.Timestamp.from(unchangedSince);
        Optional<Long> id = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Optional<Long>>) c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                // one instance at a time records a re-delivery of this content
                try (var ps = Sql.prepare(c, "select pg_advisory_xact_lock(?, hashtext(?))", DUPLICATE_LOCK, sha256)) {
                    ps.execute();
                }
                Optional<Long> found = Optional.empty();
                boolean inserted = false;
                if (since != null) {
                    try (var ps = Sql.prepare(c, """
                            select id from ops.import where status = 'DUPLICATE' and source = ?
                              and coalesce(partner, '') = coalesce(?, '') and sha256 = ? and file_name = ? and started_at >= ?
                            order by id limit 1""", source, partner, sha256, fileName, since)) {
                        try (var rs = ps.executeQuery()) {
                            found = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                        }
                    }
                }
                if (found.isEmpty()) {
                    try (var ps = Sql.prepare(c, """
                            insert into ops.import (source, partner, file_name, sha256, trigger, status, node,
                                                    started_at, finished_at, duplicate_of, message)
                            select ?, ?, ?, ?, ?, 'DUPLICATE', ?, now(), now(), i.id,
                                   'same content as import ' || i.id || ' (' || i.file_name || '): nothing to do'
                            from ops.import i
                            where i.source = ? and coalesce(i.partner, '') = coalesce(?, '') and i.sha256 = ?
                              and i.status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS', 'HELD')
                            order by i.id limit 1
                            returning id""", source, partner, fileName, sha256, trigger, node, source, partner, sha256)) {
                        try (var rs = ps.executeQuery()) {
                            found = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                            inserted = found.isPresent();
                        }
                    }
                }
                c.commit();
                return inserted ? found.map(x -> -x) : found; // negative: written now (counted below)
            } catch (java.sql.SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
        if (id.isPresent() && id.get() < 0) {
            counted(source, "DUPLICATE");
            return Optional.of(-id.get());
        }
        return id;
    }

    public Optional<Long> duplicate(String source, String partner, String fileName, String sha256, String trigger) {
        return duplicate(source, partner, fileName, sha256, trigger, null);
    }

    public void archived(long importId, String archivePath) {
        jdbc.update("update ops.import set archive_path = ? where id = ?", archivePath, importId);
    }

    /** Same, on the import's own transaction. */
    public void archived(Connection tx, long importId, String archivePath) throws java.sql.SQLException {
        try (var ps = tx.prepareStatement("update ops.import set archive_path = ? where id = ?")) {
            ps.setString(1, archivePath);
            ps.setLong(2, importId);
            ps.executeUpdate();
        }
    }

    /** When the retention purged that content's archived file (DESIGN §16), or null. */
    public String purgedOn(String source, String sha256) {
        return jdbc.queryForList("select purged_at::date::text from ops.archive_purge where source = ? and sha256 = ?",
                String.class, source, sha256).stream().findFirst().orElse(null);
    }

    /** Writes the outcome and the row problems on the import's own transaction. */
    public String finish(Connection tx, long importId, LoadResult result, RejectSink rejects) throws Exception {
        String status = loaded(tx, importId, result, rejects);
        return holdIfImplausible(tx, importId) ? "HELD" : status;
    }

    private String loaded(Connection tx, long importId, LoadResult result, RejectSink rejects) throws Exception {
        try (CopyWriter copy = new CopyWriter(tx,
                "COPY ops.rejected_row (import_id, line_no, field, reason_code, severity, message) FROM STDIN")) {
            for (RejectSink.Reject r : rejects.all()) {
                copy.row(importId, r.lineNo(), r.field(), r.reasonCode(), r.severity().name(), r.message());
            }
            copy.finish();
        }
        String status = rejects.hasErrors() ? "LOADED_WITH_REJECTS" : "LOADED";
        try (var ps = tx.prepareStatement("""
                update ops.import set status = ?, rows_read = ?, rows_loaded = ?, rows_rejected = ?,
                       rows_duplicate = ?, finished_at = clock_timestamp()
                where id = ? and status = 'RUNNING'
                returning source, extract(epoch from finished_at - started_at)""")) {
            ps.setString(1, status);
            ps.setLong(2, result.rowsRead());
            ps.setLong(3, result.rowsLoaded());
            ps.setLong(4, rejects.rejectedRows());
            ps.setLong(5, result.rowsDuplicate());
            ps.setLong(6, importId);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    String source = rs.getString(1);
                    long nanos = (long) (rs.getDouble(2) * 1e9);
                    long rejected = rejects.rejectedRows();
                    afterCommit(() -> {
                        rows(source, "read", result.rowsRead());
                        rows(source, "loaded", result.rowsLoaded());
                        rows(source, "rejected", rejected);
                        rows(source, "duplicate", result.rowsDuplicate());
                        counted(source, status);
                        Timer.builder("mic.import.duration").description("Duration of finished imports")
                                .tag("source", source).register(meters).record(Duration.ofNanos(nanos));
                    });
                } else {
                    // marked FAILED meanwhile (its node looked dead): its claim may be someone else's now
                    throw new ClaimLostException(importId);
                }
            }
        }
        return status;
    }

    /** True when the import row was written by this very process. */
    public boolean isOwnNode(long importId) {
        return jdbc.queryForList("select 1 from ops.import where id = ? and node = ?", Integer.class, importId, node)
                .size() == 1;
    }

    /** The import is no longer RUNNING when it wants to commit: it must commit nothing. */
    public static final class ClaimLostException extends RuntimeException {
        ClaimLostException(long importId) {
            super("import " + importId + " is no longer RUNNING (marked FAILED by another instance): nothing was kept");
        }
    }

    /** Marks an import FAILED with a plain-language reason (its own transaction). */
    public void failed(long importId, String message) {
        jdbc.queryForList("""
                update ops.import set status = 'FAILED', finished_at = clock_timestamp(), message = ?
                where id = ? returning source""", String.class, be.micmons.warehouse.privacy.Redaction.scrub(message), importId)
                .forEach(source -> counted(source, "FAILED"));
    }

    public String node() {
        return node;
    }

    /** Metrics count only what the warehouse holds: after the commit when inside a transaction. */
    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    r.run();
                }
            });
        } else {
            r.run();
        }
    }

    private void rows(String source, String kind, long n) {
        Counter.builder("mic.import.rows").description("Rows of finished imports, by source and outcome")
                .tag("source", source).tag("kind", kind).register(meters).increment(n);
    }

    private void counted(String source, String status) {
        Counter.builder("mic.imports").description("Finished imports, by source and status")
                .tag("source", source).tag("status", status).register(meters).increment();
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid:" + ProcessHandle.current().pid();
        }
    }
}
