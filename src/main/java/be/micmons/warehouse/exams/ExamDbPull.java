package be.micmons.warehouse.exams;

import be.micmons.warehouse.exams.ExamRowNormalizer.Field;
import be.micmons.warehouse.intake.ImportLedger;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.Pull;
import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.privacy.PersonHasher;
import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incremental pull of the test-centre database (DESIGN §5.3): the rows of {@code exam_result}
 * after the warehouse's cursor {@code (updated_at, id)}, in that order, streamed and staged with
 * COPY. One pull = one {@code ops.import} row; rows, rejects, the cursor move and the outcome are
 * written in one warehouse transaction, so a failed pull leaves nothing behind and is simply redone.
 * A row updated later comes again and its latest version replaces the earlier ones (view
 * {@code core.exam_record_current}).
 */
@Component
public class ExamDbPull implements Pull {
    private static final Logger log = LoggerFactory.getLogger(ExamDbPull.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final String CURSOR = "select updated_at, id, max_id from ops.exam_db_cursor where source = ?";

    private final ExamDbProperties configured;
    private final ImportLedger ledger;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final PersonHasher hasher;
    private final int maxDetailedRejects;
    private final AtomicBoolean saidOff = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();
    private volatile ExamDbProperties override;

    public ExamDbPull(ExamDbProperties configured, ImportLedger ledger, DataSource dataSource, TransactionTemplate tx,
                      PersonHasher hasher, MicProperties mic) {
        this.configured = configured;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.tx = tx;
        this.hasher = hasher;
        this.maxDetailedRejects = mic.intake().maxDetailedRejects();
    }

    @Override
    public String name() {
        return "exam-db";
    }

    @Override
    public boolean enabled() {
        return settings().configured();
    }

    /** Tests point the pull at their own test-centre database (null = back to the configuration). */
    void overrideSettings(ExamDbProperties settings) {
        this.override = settings;
    }

    private ExamDbProperties settings() {
        ExamDbProperties o = override;
        return o != null ? o : configured;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void sayWhenOff() {
        if (!enabled()) {
            sayOff();
        }
    }

    private void sayOff() {
        if (saidOff.compareAndSet(false, true)) {
            log.info("Test-centre database pull is off: set mic.exam-db.url (and username, password) to turn it on");
        }
    }

    @Override
    public List<Long> pull(String trigger) {
        ExamDbProperties s = settings();
        if (!s.configured()) {
            sayOff();
            return List.of();
        }
        if (!TABLE_NAME.matcher(s.table()).matches()) {
            throw new IllegalStateException("mic.exam-db.table must be a table name, not '" + s.table() + "'");
        }
        running.lock();
        try {
            return List.of(pullNow(s, trigger));
        } finally {
            running.unlock();
        }
    }

    private long pullNow(ExamDbProperties s, String trigger) {
        String source = withoutSecrets(s.url());
        long importId = ledger.start("exams", "exam-db", s.table() + " of " + source, trigger);
        RejectSink rejects = new RejectSink(maxDetailedRejects);
        long t0 = System.nanoTime();
        try {
            String[] status = new String[1];
            LoadResult result = tx.execute(st -> {
                Connection c = DataSourceUtils.getConnection(dataSource);
                try {
                    // one pull of a database at a time across instances: the second waits, then finds nothing new
                    Sql.count(c, "select count(*) from (select pg_advisory_xact_lock(hashtext('exams.exam-db-pull'))) l");
                    LoadResult r = load(c, s, source, importId, rejects);
                    status[0] = ledger.finish(c, importId, r, rejects);
                    return r;
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            log.info("Import {}: pull of {} {} in {} ms: {} rows read, {} loaded, {} rejected, {} duplicate",
                    importId, s.table(), status[0], (System.nanoTime() - t0) / 1_000_000, result.rowsRead(),
                    result.rowsLoaded(), rejects.rejectedRows(), result.rowsDuplicate());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = "The pull of " + s.table() + " from " + source + " failed; nothing was loaded and the next pull"
                    + " starts from the same point: " + cause.getMessage();
            log.warn("Import {}: {}", importId, reason, cause);
            ledger.failed(importId, reason);
        }
        return importId;
    }

    private LoadResult load(Connection c, ExamDbProperties s, String source, long importId, RejectSink rejects)
            throws Exception {
        Instant fromTime = null;
        long fromId = 0;
        long maxId = Long.MIN_VALUE;
        try (PreparedStatement ps = Sql.prepare(c, CURSOR, source); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                fromTime = rs.getTimestamp(1).toInstant();
                fromId = rs.getLong(2);
                maxId = rs.getLong(3);
            }
        }
        String query = "select id, provider, registration_id, candidate_ref, email, exam_code, exam_date, status,"
                + " score, passing_score, result, updated_at from " + s.table()
                // a row inserted with an updated_at older than the cursor still has a new id
                + (fromTime == null ? "" : " where updated_at > ? or (updated_at = ? and id > ?) or id > ?")
                + " order by updated_at, id";
        ExamRowNormalizer normalizer = new ExamRowNormalizer(hasher, rejects, f -> f.name().toLowerCase(Locale.ROOT),
                ExamDates.ISO::parse, ExamDates.ISO.description());
        long read = 0;
        Instant lastTime = fromTime;
        long lastId = fromId;
        long newMaxId = maxId;
        String[] raw = new String[Field.values().length];
        try (Connection db = connect(s); ExamStage stage = new ExamStage(c, importId)) {
            db.setAutoCommit(false); // lets the driver stream with the fetch size
            try {
                db.setReadOnly(true);
            } catch (java.sql.SQLException e) {
                // a hint only; some drivers refuse it
            }
            try (PreparedStatement ps = db.prepareStatement(query)) {
                ps.setFetchSize(s.fetchSize());
                if (fromTime != null) {
                    Timestamp from = Timestamp.from(fromTime);
                    ps.setTimestamp(1, from);
                    ps.setTimestamp(2, from);
                    ps.setLong(3, fromId);
                    ps.setLong(4, maxId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        long id = rs.getLong(1);
                        Timestamp updated = rs.getTimestamp(12);
                        raw[Field.PROVIDER.ordinal()] = rs.getString(2);
                        raw[Field.REGISTRATION_ID.ordinal()] = rs.getString(3);
                        raw[Field.CANDIDATE_REF.ordinal()] = rs.getString(4);
                        raw[Field.EMAIL.ordinal()] = rs.getString(5);
                        raw[Field.EXAM_CODE.ordinal()] = rs.getString(6);
                        raw[Field.DATE.ordinal()] = rs.getString(7); // a date column reads yyyy-MM-dd
                        raw[Field.STATUS.ordinal()] = rs.getString(8);
                        raw[Field.SCORE.ordinal()] = rs.getString(9);
                        raw[Field.PASSING_SCORE.ordinal()] = rs.getString(10);
                        raw[Field.RESULT.ordinal()] = rs.getString(11);
                        if (updated == null) {
                            newMaxId = Math.max(newMaxId, id);
                            rejects.error(read, "updated_at", "MISSING_UPDATED_AT",
                                    "Row id " + id + " has no updated_at; it cannot be pulled incrementally and was not loaded.");
                            continue;
                        }
                        Instant at = updated.toInstant();
                        int cmp = lastTime == null ? 1 : at.compareTo(lastTime);
                        if (cmp > 0 || (cmp == 0 && id > lastId)) {
                            lastTime = at;
                            lastId = id;
                        }
                        newMaxId = Math.max(newMaxId, id);
                        String provider = ExamRowNormalizer.provider(raw[Field.PROVIDER.ordinal()]).orElse(null);
                        ExamSitting sitting = normalizer.normalize(read, provider, raw, id,
                                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                        if (sitting != null) {
                            stage.add(read, sitting);
                        }
                    }
                }
            } finally {
                db.rollback();
            }
            LoadResult r = stage.merge(read);
            if (read > 0 && lastTime != null) {
                Sql.update(c, """
                        insert into ops.exam_db_cursor (source, updated_at, id, max_id, import_id) values (?, ?, ?, ?, ?)
                        on conflict (source) do update set updated_at = excluded.updated_at, id = excluded.id,
                               max_id = excluded.max_id, import_id = excluded.import_id, moved_at = now()""",
                        source, OffsetDateTime.ofInstant(lastTime, ZoneOffset.UTC), lastId, newMaxId, importId);
            }
            Sql.update(c, "update ops.import set file_name = ? where id = ?", describe(s.table(), source, fromTime, fromId,
                    read, lastTime, lastId), importId);
            return r;
        }
    }

    /** What a pull fetched, as the import's file name. */
    private static String describe(String table, String source, Instant fromTime, long fromId, long read,
                                   Instant lastTime, long lastId) {
        String from = fromTime == null ? "from the start" : "after (" + fromTime + ", id " + fromId + ") or new ids";
        String to = read == 0 ? ": nothing new" : " up to (" + lastTime + ", id " + lastId + "): " + read + " rows";
        return table + " of " + source + " " + from + to;
    }

    private static Connection connect(ExamDbProperties s) throws Exception {
        Properties p = new Properties();
        if (s.username() != null) {
            p.setProperty("user", s.username());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        return DriverManager.getConnection(s.url(), p);
    }

    /** The URL without its query string, where a password may sit. */
    static String withoutSecrets(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
