package be.micmons.warehouse.kpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The maintained exam marts (issue #14) against their reference definitions. The database keeps
 * them (R__20_exams.sql: a deferred trigger on ops.import refreshes them in the commit of every
 * status change); an import larger than {@code mic.marts.bulk-rows} leaves them stale, readers get
 * the reference meanwhile, and {@link #rebuildIfStale()} (route marts-rebuild) rebuilds them in bulk.
 */
@Service
public class MartMaintenance {
    private static final Logger log = LoggerFactory.getLogger(MartMaintenance.class);

    /** The lock of R__20_exams.sql: one refresh or rebuild of the exam marts at a time. */
    private static final String LOCK = "hashtext('mart.exam_marts')";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MartProperties props;

    public MartMaintenance(JdbcTemplate jdbc, TransactionTemplate tx, MartProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
    }

    /** One row per maintained table: rows it lacks and rows it has too many, against the reference. */
    public record Layer(String layer, long missing, long extra) {
        public boolean equal() {
            return missing == 0 && extra == 0;
        }
    }

    /** The threshold lives in the warehouse, where the trigger reads it. */
    @EventListener(ApplicationReadyEvent.class)
    public void applySettings() {
        jdbc.update("update mart.exam_state set bulk_rows = ? where bulk_rows <> ?", props.bulkRows(), props.bulkRows());
    }

    /**
     * Before reading figures: stale counts (a large import just committed) are published from the
     * reference once, for every reader, rather than computed on each read until the rebuild has
     * them. A reader arriving meanwhile waits for that one computation; if an import commits
     * meanwhile, nothing is published and the readers compute the figures (they are exact either way).
     */
    public void publishCountsIfStale() {
        long t0 = System.nanoTime();
        if (Boolean.TRUE.equals(jdbc.queryForObject("""
                select case when counts_stale then mart.exam_marts_publish_counts(changes) end
                from mart.exam_state""", Boolean.class))) {
            log.info("Exam counts published for the readers in {} ms", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Stale marts are rebuilt first: the comparison is of what readers will read. */
    public List<Layer> verify() {
        if (stale()) {
            rebuild();
        }
        // one snapshot for the maintained tables and the reference they are compared with
        return tx.execute(s -> {
            jdbc.execute("set transaction isolation level repeatable read, read only");
            return jdbc.query("select layer, missing, extra from mart.verify_marts()",
                    (rs, i) -> new Layer(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        });
    }

    /**
     * A rebuild asked for by an operator: the start-ups, HR contracts and jobs are rebuilt at once;
     * the exam marts are marked stale (readers read the reference from this commit on) and the
     * marts-rebuild route rebuilds them within {@code mic.marts.check-interval}; a rebuild already
     * under way does another round.
     */
    public Map<String, Object> requestRebuild() {
        // small (0.3 s for 2,000 start-ups and 50,000 HR events): at once
        jdbc.execute("select mart.rebuild_startups(), mart.rebuild_hr_contracts()"); // one statement, one commit
        jdbc.update("""
                update mart.exam_state set stale = true, counts_stale = true,
                       stale_since = coalesce(stale_since, clock_timestamp()), changes = changes + 1""");
        log.info("Exam marts rebuild asked for: marked stale, the marts-rebuild route rebuilds them");
        return state();
    }

    /** The marts' state: stale or not, since when, the last rebuild and how long it took. */
    public Map<String, Object> state() {
        return jdbc.queryForMap("""
                select stale, counts_stale, stale_since, changes, bulk_rows, rebuilt_at, rebuild_ms
                from mart.exam_state""");
    }

    /** A bulk rebuild now, waiting for one under way elsewhere to end first; true when fresh after it. */
    public boolean rebuild() {
        return Boolean.TRUE.equals(rebuildSteps(true));
    }

    /**
     * Rebuilds stale marts, unless another instance is already at it; true when it rebuilt. Imports
     * committed meanwhile are applied at the end; a large one, or an operator's rebuild asked for
     * meanwhile, leaves the marts stale for one more round.
     */
    public boolean rebuildIfStale() {
        return stale() && rebuildSteps(false) != null;
    }

    /**
     * The steps of R__20_exams.sql on one connection, each its own transaction, under a session
     * lock: readers keep reading the reference throughout, and imports keep committing (the
     * trigger only notes them while the tables are stale; settle applies them). Null when the lock was taken
     * (wait false) or the marts were fresh again; else whether they are fresh now.
     */
    private Boolean rebuildSteps(boolean wait) {
        return jdbc.execute((ConnectionCallback<Boolean>) c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                if (!bool(st, wait ? "select pg_advisory_lock(" + LOCK + ") is not null" : "select pg_try_advisory_lock(" + LOCK + ")")) {
                    return null;
                }
                try {
                    if (!wait && !bool(st, "select stale from mart.exam_state")) {
                        return null;
                    }
                    long t0 = System.nanoTime();
                    long changes = ((Number) value(c, "select mart.exam_marts_begin_rebuild()")).longValue();
                    log.info("The exam marts are stale (since {}): rebuilding them; the figures are computed on read"
                            + " until the counts are published", value(c, "select stale_since from mart.exam_state"));
                    if (Boolean.TRUE.equals(value(c, "select mart.exam_marts_publish_counts(?)", changes))) {
                        log.info("Exam counts published in {} ms: the figures are read from them again", millisSince(t0));
                    }
                    // the bulk import's pages enter the BRIN index on import_id now (0.24 s at 1M rows), not at
                    // the next autovacuum: until then every import reading its own rows by import_id (its
                    // duplicate count, its marts' refresh) scans the whole table (0.3 s beside 1M rows)
                    st.execute("select brin_summarize_new_values('core.exam_record_import_brin')");
                    List<String> drops = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("select * from mart.exam_marts_drop_indexes()")) {
                        while (rs.next()) {
                            drops.add(rs.getString(1));
                        }
                    }
                    for (String drop : drops) {
                        st.execute(drop);
                    }
                    st.execute("select mart.exam_marts_fill()");
                    st.execute("select mart.exam_marts_indexes()");
                    st.execute("vacuum analyze mart.exam_member, mart.exam_sitting, mart.exam_first_pass, mart.person_first_pass, mart.exam_metric_count");
                    long noted = ((Number) value(c, "select count(distinct import_id) from mart.exam_pending")).longValue();
                    boolean fresh = Boolean.TRUE.equals(value(c, "select mart.exam_marts_settle(?, ?)", changes, millisSince(t0)));
                    log.info("Exam marts rebuilt in {} ms{}", millisSince(t0), !fresh
                            ? "; a large import or an operator's rebuild came meanwhile: another round follows"
                            : noted > 0 ? "; " + noted + " import(s) committed meanwhile applied" : "");
                    return fresh;
                } finally {
                    st.execute("select pg_advisory_unlock(" + LOCK + ")");
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        });
    }

    private static boolean bool(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The one value of a one-row query on the rebuild's connection. */
    private static Object value(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    public boolean stale() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select stale from mart.exam_state", Boolean.class));
    }
}
