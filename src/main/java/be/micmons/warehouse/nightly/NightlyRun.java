package be.micmons.warehouse.nightly;

import be.micmons.warehouse.ops.NodeLiveness;
import be.micmons.warehouse.ops.OperationConflictException;
import be.micmons.warehouse.intake.ArchiveRetention;
import be.micmons.warehouse.intake.Pull;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The nightly run (DESIGN §4, §9): every enabled pull (exam-db, hr, partners), then the
 * materialized marts, if any, are refreshed. One {@code ops.nightly_run} row per firing: its
 * unique {@code scheduled_for} is the fence that lets only one instance run a firing even if
 * several fire it, and at most one run is RUNNING at a time.
 */
@Component("nightlyRun")
public class NightlyRun {
    private static final Logger log = LoggerFactory.getLogger(NightlyRun.class);
    private final JdbcTemplate jdbc;
    private final PullRunner pulls;
    private final NodeLiveness liveness;
    private final ProducerTemplate background;
    private final ArchiveRetention retention;

    public NightlyRun(JdbcTemplate jdbc, PullRunner pulls, NodeLiveness liveness, ProducerTemplate background,
                      ArchiveRetention retention) {
        this.retention = retention;
        this.jdbc = jdbc;
        this.pulls = pulls;
        this.liveness = liveness;
        this.background = background;
    }

    /**
     * Called by the Quartz route for a firing; runs it here unless another instance has it. The
     * fence is the time of the schedule the firing serves (a misfired firing fires "now").
     */
    public Optional<Long> onFiring(@Header("scheduledFireTime") Date scheduledFireTime, @Header("trigger") Trigger trigger) {
        Instant fired = scheduledFireTime == null ? Instant.now() : scheduledFireTime.toInstant();
        Optional<Long> run = claim(FiringSlot.served(trigger, fired), "NIGHTLY");
        run.ifPresent(id -> execute(id));
        return run;
    }

    /** POST /api/nightly: a run now, in the background; 409 when one is running. */
    public long startNow() {
        Optional<Long> run;
        try {
            run = Optional.ofNullable(jdbc.queryForObject("""
                    insert into ops.nightly_run (scheduled_for, status, node, trigger)
                    values (clock_timestamp(), 'RUNNING', ?, 'ADMIN') returning id""", Long.class, liveness.node()));
        } catch (DuplicateKeyException e) {
            run = Optional.empty();
        }
        long id = run.orElseThrow(() -> new OperationConflictException("a nightly run is running (run "
                + jdbc.queryForList("select id from ops.nightly_run where status = 'RUNNING'", Long.class) + ")"));
        background.sendBody("seda:nightly-runs", id); // route nightly-runs (routes/background.camel.yaml)
        return id;
    }

    /**
     * The fence: the first instance to record this firing runs it. A firing met while another run
     * is RUNNING is recorded SKIPPED. Empty when this instance does not run it.
     */
    public Optional<Long> claim(Instant scheduledFor, String trigger) {
        OffsetDateTime at = scheduledFor.atOffset(ZoneOffset.UTC);
        try {
            List<Long> id = jdbc.queryForList("""
                    insert into ops.nightly_run (scheduled_for, status, node, trigger)
                    values (?, 'RUNNING', ?, ?) on conflict (scheduled_for) do nothing returning id""",
                    Long.class, at, liveness.node(), trigger);
            if (id.isEmpty()) {
                log.info("Nightly firing {} is run by another instance", scheduledFor);
            }
            return id.stream().findFirst();
        } catch (DuplicateKeyException e) {
            jdbc.update("""
                    insert into ops.nightly_run (scheduled_for, finished_at, status, node, trigger, message)
                    values (?, clock_timestamp(), 'SKIPPED', ?, ?, 'another nightly run was still running')
                    on conflict (scheduled_for) do nothing""", at, liveness.node(), trigger);
            log.warn("Nightly firing {} skipped: another nightly run is still running", scheduledFor);
            return Optional.empty();
        }
    }

    /** Runs a claimed nightly run to its end; the outcome is written to its row. */
    public void execute(long runId) {
        List<String> notes = new ArrayList<>();
        boolean ok = true;
        try {
            liveness.sweep();
            for (Pull pull : pulls.all().values()) {
                String name = pull.name();
                boolean enabled;
                try {
                    enabled = pull.enabled();
                } catch (RuntimeException e) {
                    notes.add(name + ": configuration error " + e.getMessage());
                    ok = false;
                    continue;
                }
                if (!enabled) {
                    notes.add(name + ": not configured, skipped");
                    continue;
                }
                Optional<Long> run = pulls.begin(name, "NIGHTLY", runId);
                if (run.isEmpty()) {
                    notes.add(name + ": already running, skipped");
                    continue;
                }
                boolean done = pulls.run(run.get(), pull, "NIGHTLY");
                notes.add(name + ": " + (done ? "pull run " : "FAILED, see pull run ") + run.get());
                ok &= done;
            }
            notes.add(retention.purge());
            notes.add(retention.sweep());
            refreshMarts();
        } catch (RuntimeException e) {
            ok = false;
            notes.add("error: " + e.getMessage());
            log.error("Nightly run {} failed", runId, e);
        }
        String message = String.join("; ", notes);
        jdbc.update("update ops.nightly_run set status = ?, finished_at = clock_timestamp(), message = ? where id = ?",
                ok ? "SUCCEEDED" : "FAILED", message, runId);
        log.info("Nightly run {} {}: {}", runId, ok ? "SUCCEEDED" : "FAILED", message);
    }

    /** Materialized marts, if any source defines some, follow the new data. */
    private void refreshMarts() {
        for (String view : jdbc.queryForList("""
                select format('%I.%I', schemaname, matviewname) from pg_matviews
                where schemaname in ('core', 'mart') order by 1""", String.class)) {
            jdbc.execute("refresh materialized view " + view);
        }
    }
}
