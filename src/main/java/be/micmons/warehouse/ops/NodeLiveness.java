package be.micmons.warehouse.ops;

import be.micmons.warehouse.intake.ImportLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work left RUNNING by a dead process (imports, pull runs, nightly runs) is marked FAILED.
 * Each instance holds, for its whole life, a PostgreSQL session advisory lock named after its node
 * (host:pid, the {@code node} column of those rows). PostgreSQL drops the lock when the process or
 * its connection dies, so an instance that can take another node's lock knows that node is gone,
 * whatever the clocks say; rows of a live instance are never touched. At start, before any route
 * runs, rows carrying this very node name come from an earlier process with the same host and pid
 * (a container restarted as pid 1) and are failed too. The sweep runs again every minute and
 * before each nightly run. A file dropped while the same content is RUNNING waits in the inbox
 * (it is not a DUPLICATE until that import commits), so failing a dead import loses no file.
 */
@Component
public class NodeLiveness implements SmartInitializingSingleton, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);
    /** First key of the two-int advisory locks of this app ('MIC\0'). */
    public static final int LOCK_SPACE = 0x4D494300;
    private static final List<String> TABLES = List.of("ops.import", "ops.pull_run", "ops.nightly_run");
    private static final long LOCK_CHECK_SECONDS = 2;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final String node;
    private Connection lockConnection;
    private boolean lockRetakeFailed;
    private final ScheduledExecutorService periodic = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mic-liveness");
        t.setDaemon(true);
        return t;
    });

    private final java.time.Duration sweepInterval;

    public NodeLiveness(DataSource dataSource, JdbcTemplate jdbc, ImportLedger ledger,
                        @org.springframework.beans.factory.annotation.Value("${mic.reliability.sweep-interval:1m}")
                        java.time.Duration sweepInterval) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.node = ledger.node();
        this.sweepInterval = sweepInterval;
    }

    public String node() {
        return node;
    }

    /** Runs after every bean is made and before the routes and the scheduler start. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            holdNodeLock();
            failRows(node, "the process that ran it (" + node + ") stopped before it finished; it was found"
                    + " RUNNING when the same node started again");
            sweep();
        } catch (Exception e) {
            log.warn("Could not check for work left running by stopped instances: {}", e.getMessage());
        }
        // instances sharing the warehouse clean up after one that died while they run
        periodic.scheduleWithFixedDelay(this::quietSweep, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        // after a warehouse restart the lock is gone with its session: until it is taken again the
        // others' sweeps take this live instance for a dead one, so it is checked often (one round-trip)
        periodic.scheduleWithFixedDelay(this::ensureNodeLock, LOCK_CHECK_SECONDS, LOCK_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private void quietSweep() {
        try {
            ensureNodeLock();
            sweep();
        } catch (RuntimeException e) {
            log.debug("liveness sweep: {}", e.getMessage());
        }
    }

    /** Takes this node's lock on a connection of its own; returns the warehouse's time once it is held. */
    private synchronized java.sql.Timestamp holdNodeLock() throws SQLException {
        lockConnection = dataSource.getConnection();
        lockConnection.setAutoCommit(true);
        try (PreparedStatement ps = lockConnection.prepareStatement(
                "select pg_advisory_lock(?, hashtext(?)), clock_timestamp()")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(2);
            }
        }
    }

    /** After a lost connection (warehouse restarted) the lock is taken again, so others still see us alive. */
    private synchronized void ensureNodeLock() {
        try {
            if (lockConnection != null && lockConnection.isValid(5)) {
                lockRetakeFailed = false;
                return;
            }
            if (lockConnection != null) {
                try {
                    lockConnection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            java.sql.Timestamp retaken = holdNodeLock();
            lockRetakeFailed = false;
            log.info("Node lock of {} taken again after a lost warehouse connection", node);
            // the sessions of the work this instance had running died with the lock's (a warehouse restart):
            // that work cannot commit, and no other instance fails it now that the lock is held again
            failRows(node, "the warehouse connection was lost while it ran (the warehouse restarted or the"
                    + " connection broke); nothing of it was kept", retaken);
        } catch (SQLException e) {
            if (!lockRetakeFailed) { // once per outage, not every few seconds
                log.warn("Node lock of {} could not be taken again: {}", node, e.getMessage());
            }
            lockRetakeFailed = true;
        }
    }

    /** Marks FAILED the RUNNING rows of every other node whose process is gone; returns how many. */
    public int sweep() {
        List<String> nodes = jdbc.queryForList("""
                select node from ops.import where status = 'RUNNING' and node is not null
                union select node from ops.pull_run where status = 'RUNNING' and node is not null
                union select node from ops.nightly_run where status = 'RUNNING' and node is not null""", String.class);
        int n = 0;
        for (String other : nodes) {
            if (!other.equals(node) && isGone(other)) {
                n += failRows(other, "the instance that ran it (" + other + ") stopped before it finished");
            }
        }
        return n;
    }

    /** True when no live session holds the node's lock (taken and released at once on one connection). */
    private boolean isGone(String other) {
        return Boolean.TRUE.equals(jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, other);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, other);
                ps.execute();
            }
            return true;
        }));
    }

    private int failRows(String deadNode, String message) {
        return failRows(deadNode, message, null);
    }

    /** Marks FAILED the node's RUNNING rows (started before the given time, when one is given). */
    private int failRows(String deadNode, String message, java.sql.Timestamp startedBefore) {
        int n = 0;
        List<String> what = new ArrayList<>();
        for (String table : TABLES) {
            int k = jdbc.update("update " + table + " set status = 'FAILED', finished_at = clock_timestamp(),"
                    + " message = concat_ws('; ', message, ?) where status = 'RUNNING' and node = ?"
                    + " and (?::timestamptz is null or started_at < ?::timestamptz)",
                    message, deadNode, startedBefore, startedBefore);
            if (k > 0) {
                what.add(k + " in " + table);
            }
            n += k;
        }
        if (n > 0) {
            log.warn("Marked FAILED the work left RUNNING by {}: {}", deadNode, String.join(", ", what));
        }
        return n;
    }

    @Override
    public void destroy() {
        // first, outside the monitor: a sweep waiting for a connection of a warehouse already stopped
        // holds it, and is interrupted here (the JVM's exit waited 30 s for it)
        periodic.shutdownNow();
        synchronized (this) {
            if (lockConnection != null) {
                try {
                    lockConnection.close();
                } catch (SQLException e) {
                    log.debug("closing the node lock connection: {}", e.getMessage());
                }
            }
        }
    }
}
