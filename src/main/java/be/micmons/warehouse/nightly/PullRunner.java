package be.micmons.warehouse.nightly;

import be.micmons.warehouse.intake.ImportLedger;
import be.micmons.warehouse.intake.Pull;
import java.sql.Array;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link Pull} beans (exam-db, hr, partners, whichever this build has), each run recorded
 * in {@code ops.pull_run}; at most one run of a pull at a time across instances.
 */
@Component
public class PullRunner {
    private static final Logger log = LoggerFactory.getLogger(PullRunner.class);
    /** The pull names of DESIGN §9, in the order the nightly run takes them. */
    public static final List<String> KNOWN = List.of("exam-db", "hr", "partners");
    private static final Map<String, String> HOW_TO_ENABLE = Map.of(
            "exam-db", "set mic.exam-db.url, mic.exam-db.username and mic.exam-db.password",
            "hr", "set mic.hr-api.url and mic.hr-api.token",
            "partners", "add an sftp: block to a partner's YAML in mic.partners-dir");

    private final ObjectProvider<Pull> pulls;
    private final JdbcTemplate jdbc;
    private final String node;

    public PullRunner(ObjectProvider<Pull> pulls, JdbcTemplate jdbc, ImportLedger ledger) {
        this.pulls = pulls;
        this.jdbc = jdbc;
        this.node = ledger.node();
    }

    /** The pulls of this build by name, known names first in nightly order. */
    public Map<String, Pull> all() {
        Map<String, Pull> byName = new LinkedHashMap<>();
        for (String name : KNOWN) {
            pulls.orderedStream().filter(p -> p.name().equals(name)).findFirst().ifPresent(p -> byName.put(name, p));
        }
        pulls.orderedStream().forEach(p -> byName.putIfAbsent(p.name(), p));
        return byName;
    }

    public Optional<Pull> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    public static String howToEnable(String name) {
        return HOW_TO_ENABLE.getOrDefault(name, "see its configuration");
    }

    /** Records a RUNNING pull run; empty when a run of this pull is already going on (any instance). */
    public Optional<Long> begin(String pull, String trigger, Long nightlyRunId) {
        try {
            return Optional.ofNullable(jdbc.queryForObject("""
                    insert into ops.pull_run (pull, trigger, nightly_run_id, status, node)
                    values (?, ?, ?, 'RUNNING', ?) returning id""", Long.class, pull, trigger, nightlyRunId, node));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Runs a begun pull run; never throws: the outcome is in ops.pull_run. True when it succeeded. */
    public boolean run(long runId, Pull pull, String trigger) {
        long t0 = System.nanoTime();
        try {
            List<Long> ids = pull.pull(trigger);
            finish(runId, "SUCCEEDED", ids, ids.size() + " imports");
            log.info("Pull {} (run {}) done in {} ms: imports {}", pull.name(), runId,
                    (System.nanoTime() - t0) / 1_000_000, ids);
            return true;
        } catch (Exception e) {
            log.warn("Pull {} (run {}) failed: {}", pull.name(), runId, e.toString(), e);
            finish(runId, "FAILED", List.of(), String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            return false;
        }
    }

    private void finish(long runId, String status, List<Long> ids, String message) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            Array arr = c.createArrayOf("bigint", ids.toArray());
            try (var ps = c.prepareStatement("""
                    update ops.pull_run set status = ?, import_ids = ?, finished_at = clock_timestamp(), message = ?
                    where id = ?""")) {
                ps.setString(1, status);
                ps.setArray(2, arr);
                ps.setString(3, message);
                ps.setLong(4, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
