package be.micmons.warehouse.exams;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.exams.ExamRowNormalizer.Field;
import be.micmons.warehouse.intake.ImportLedger;
import be.micmons.warehouse.intake.LoadResult;
import be.micmons.warehouse.intake.Pull;
import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.privacy.PersonHasher;
import be.micmons.warehouse.warehouse.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Incremental pull of the test-centre database (DESIGN §5.3), route {@code exam-db-pull}
 * (routes/exam-db.camel.yaml): the rows of {@code exam_result} after the warehouse's cursor
 * {@code (updated_at, id)}, in that order, read by camel-sql as a stream ({@code outputType=StreamList})
 * on a HikariCP pool and staged with COPY. One pull = one {@code ops.import} row; rows, rejects, the
 * cursor move and the outcome are written in one warehouse transaction (the route is
 * {@code transacted}), so a failed pull leaves nothing behind and is simply redone. A row updated
 * later comes again and its latest version replaces the earlier ones ({@code core.exam_record_current}).
 */
@Component("examDbPull")
public class ExamDbPull implements Pull, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExamDbPull.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final String CURSOR = "select updated_at, id, max_id from ops.exam_db_cursor where source = ?";
    /** Below every updated_at: the first pull takes every row (and {@code id > Long.MIN_VALUE} holds for each). */
    private static final Timestamp BEFORE_ALL = Timestamp.from(Instant.parse("1900-01-01T00:00:00Z"));
    private static final String STATE = "micExamDbPull";

    private final ExamDbProperties configured;
    private final ImportLedger ledger;
    private final DataSource warehouse;
    private final PersonHasher hasher;
    private final ProducerTemplate routes;
    private final ExamDbDataSource testCentre = new ExamDbDataSource();
    private final int maxDetailedRejects;
    private final AtomicBoolean saidOff = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();
    private volatile ExamDbProperties override;

    public ExamDbPull(ExamDbProperties configured, ImportLedger ledger, DataSource warehouse, PersonHasher hasher,
                      MicProperties mic, CamelContext camel, ProducerTemplate routes) {
        this.configured = configured;
        this.ledger = ledger;
        this.warehouse = warehouse;
        this.hasher = hasher;
        this.routes = routes;
        this.maxDetailedRejects = mic.intake().maxDetailedRejects();
        camel.getRegistry().bind("examDbDataSource", DataSource.class, testCentre);
    }

    /** What one pull carries from step to step of its route. */
    static final class State {
        final ExamDbProperties settings;
        final String source;
        final long importId;
        final RejectSink rejects;
        final long t0 = System.nanoTime();
        Instant fromTime;
        long fromId;
        long maxId = Long.MIN_VALUE;

        State(ExamDbProperties settings, String source, long importId, RejectSink rejects) {
            this.settings = settings;
            this.source = source;
            this.importId = importId;
            this.rejects = rejects;
        }

        public String table() {
            return settings.table();
        }

        public int fetchSize() {
            return settings.fetchSize();
        }
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
    public List<Long> pull(String trigger) throws Exception {
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
            testCentre.use(s);
            String source = withoutSecrets(s.url());
            long importId = ledger.start("exams", "exam-db", s.table() + " of " + source, trigger);
            State state = new State(s, source, importId, new RejectSink(maxDetailedRejects));
            Exchange done = routes.send("direct:exam-db-pull", e -> e.setProperty(STATE, state));
            if (done.getException() != null) {
                throw done.getException();
            }
            return List.of(importId);
        } finally {
            running.unlock();
        }
    }

    /** Route step, in the warehouse transaction: one pull of a database at a time, then the cursor as query parameters. */
    public void cursor(Exchange exchange) throws Exception {
        State st = exchange.getProperty(STATE, State.class);
        Connection c = DataSourceUtils.getConnection(warehouse);
        // across instances the second pull waits here, then finds nothing new
        Sql.count(c, "select count(*) from (select pg_advisory_xact_lock(hashtext('exams.exam-db-pull'))) l");
        try (PreparedStatement ps = Sql.prepare(c, CURSOR, st.source); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                st.fromTime = rs.getTimestamp(1).toInstant();
                st.fromId = rs.getLong(2);
                st.maxId = rs.getLong(3);
            }
        }
        // a row inserted with an updated_at older than the cursor still has a new id
        exchange.getMessage().setHeader("fromTime", st.fromTime == null ? BEFORE_ALL : Timestamp.from(st.fromTime));
        exchange.getMessage().setHeader("fromId", st.fromId);
        exchange.getMessage().setHeader("maxId", st.maxId);
    }

    /** Route step, in the same transaction: the streamed rows normalized and COPYed, the cursor moved, the import finished. */
    public void load(Exchange exchange) throws Exception {
        State st = exchange.getProperty(STATE, State.class);
        @SuppressWarnings("unchecked")
        Iterator<Map<String, Object>> rows = exchange.getMessage().getMandatoryBody(Iterator.class);
        Connection c = DataSourceUtils.getConnection(warehouse);
        RejectSink rejects = st.rejects;
        ExamRowNormalizer normalizer = new ExamRowNormalizer(hasher, rejects, f -> f.name().toLowerCase(Locale.ROOT),
                ExamDates.ISO::parse, ExamDates.ISO.description());
        long read = 0;
        Instant lastTime = st.fromTime;
        long lastId = st.fromId;
        long newMaxId = st.maxId;
        String[] raw = new String[Field.values().length];
        LoadResult r;
        try (ExamStage stage = new ExamStage(c, st.importId)) {
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                read++;
                long id = ((Number) row.get("id")).longValue();
                Timestamp updated = (Timestamp) row.get("updated_at");
                raw[Field.PROVIDER.ordinal()] = text(row.get("provider"));
                raw[Field.REGISTRATION_ID.ordinal()] = text(row.get("registration_id"));
                raw[Field.CANDIDATE_REF.ordinal()] = text(row.get("candidate_ref"));
                raw[Field.EMAIL.ordinal()] = text(row.get("email"));
                raw[Field.EXAM_CODE.ordinal()] = text(row.get("exam_code"));
                raw[Field.DATE.ordinal()] = text(row.get("exam_date")); // a date column reads yyyy-MM-dd
                raw[Field.STATUS.ordinal()] = text(row.get("status"));
                raw[Field.SCORE.ordinal()] = text(row.get("score"));
                raw[Field.PASSING_SCORE.ordinal()] = text(row.get("passing_score"));
                raw[Field.RESULT.ordinal()] = text(row.get("result"));
                newMaxId = Math.max(newMaxId, id);
                if (updated == null) {
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
                String provider = ExamRowNormalizer.provider(raw[Field.PROVIDER.ordinal()]).orElse(null);
                ExamSitting sitting = normalizer.normalize(read, provider, raw, id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                if (sitting != null) {
                    stage.add(read, sitting);
                }
            }
            r = stage.merge(read);
        }
        if (read > 0 && lastTime != null) {
            Sql.update(c, """
                    insert into ops.exam_db_cursor (source, updated_at, id, max_id, import_id) values (?, ?, ?, ?, ?)
                    on conflict (source) do update set updated_at = excluded.updated_at, id = excluded.id,
                           max_id = excluded.max_id, import_id = excluded.import_id, moved_at = now()""",
                    st.source, OffsetDateTime.ofInstant(lastTime, ZoneOffset.UTC), lastId, newMaxId, st.importId);
        }
        Sql.update(c, "update ops.import set file_name = ? where id = ?",
                describe(st.table(), st.source, st.fromTime, st.fromId, read, lastTime, lastId), st.importId);
        String status = ledger.finish(c, st.importId, r, rejects);
        log.info("Import {}: pull of {} {} in {} ms: {} rows read, {} loaded, {} rejected, {} duplicate",
                st.importId, st.table(), status, (System.nanoTime() - st.t0) / 1_000_000, r.rowsRead(),
                r.rowsLoaded(), rejects.rejectedRows(), r.rowsDuplicate());
    }

    /** Route step after the transaction rolled back: the import FAILED, nothing loaded, the cursor where it was. */
    public void failed(Exchange exchange) {
        State st = exchange.getProperty(STATE, State.class);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Throwable cause = e != null && e.getCause() != null ? e.getCause() : e;
        String reason = "The pull of " + st.table() + " from " + st.source + " failed; nothing was loaded and the next"
                + " pull starts from the same point: " + (cause == null ? "unknown error" : cause.getMessage());
        log.warn("Import {}: {}", st.importId, reason, cause);
        ledger.failed(st.importId, reason);
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    /** What a pull fetched, as the import's file name. */
    private static String describe(String table, String source, Instant fromTime, long fromId, long read,
                                   Instant lastTime, long lastId) {
        String from = fromTime == null ? "from the start" : "after (" + fromTime + ", id " + fromId + ") or new ids";
        String to = read == 0 ? ": nothing new" : " up to (" + lastTime + ", id " + lastId + "): " + read + " rows";
        return table + " of " + source + " " + from + to;
    }

    /** The URL without its query string, where a password may sit. */
    static String withoutSecrets(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public void close() {
        testCentre.close();
    }
}
