package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import be.micmons.warehouse.api.ConflictException;
import be.micmons.warehouse.api.NotFoundException;
import be.micmons.warehouse.intake.Pull;
import be.micmons.warehouse.nightly.NightlyRun;
import be.micmons.warehouse.nightly.PullRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pulls and the nightly run on demand (DESIGN §9, ADMIN), and their history (VIEWER). */
@RestController
public class PullController {
    private final PullRunner pulls;
    private final NightlyRun nightly;
    private final ProducerTemplate background;
    private final JdbcTemplate jdbc;

    public PullController(PullRunner pulls, NightlyRun nightly, ProducerTemplate background, JdbcTemplate jdbc) {
        this.pulls = pulls;
        this.nightly = nightly;
        this.background = background;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/pulls/{name}")
    public ResponseEntity<Map<String, Object>> pull(@PathVariable String name) {
        if (!PullRunner.KNOWN.contains(name)) {
            throw new NotFoundException("unknown pull; known pulls: " + PullRunner.KNOWN);
        }
        Pull pull = pulls.find(name).orElseThrow(() -> new ConflictException(
                "the pull '" + name + "' is not part of this build"));
        boolean enabled;
        try {
            enabled = pull.enabled();
        } catch (RuntimeException e) {
            throw new ConflictException("the pull '" + name + "' is misconfigured: " + e.getMessage());
        }
        if (!enabled) {
            throw new ConflictException("the pull '" + name + "' is not configured: " + PullRunner.howToEnable(name));
        }
        long run = pulls.begin(name, "ADMIN", null).orElseThrow(() -> new ConflictException(
                "the pull '" + name + "' is already running"));
        // route pull-runs (routes/background.camel.yaml)
        background.sendBodyAndHeaders("seda:pull-runs", null, Map.of("micPullRun", run, "micPull", pull));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pull", name);
        body.put("run", run);
        body.put("status", "RUNNING");
        body.put("location", "/api/pulls/runs/" + run);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/api/pulls/runs")
    public List<Map<String, Object>> runs(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return jdbc.queryForList("""
                select id, pull, trigger, nightly_run_id, status, import_ids::text as import_ids, started_at,
                       finished_at, node, message
                from ops.pull_run order by id desc limit ?""", limit);
    }

    @GetMapping("/api/pulls/runs/{id}")
    public Map<String, Object> run(@PathVariable long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, pull, trigger, nightly_run_id, status, import_ids::text as import_ids, started_at,
                       finished_at, node, message
                from ops.pull_run where id = ?""", Params.id(id, "run id"));
        if (rows.isEmpty()) {
            throw new NotFoundException("no pull run " + id);
        }
        return rows.get(0);
    }

    @PostMapping("/api/nightly")
    public ResponseEntity<Map<String, Object>> nightly() {
        long run = nightly.startNow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", run);
        body.put("status", "RUNNING");
        body.put("location", "/api/nightly/" + run);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/api/nightly")
    public List<Map<String, Object>> nightlyRuns(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return jdbc.queryForList("""
                select id, scheduled_for, started_at, finished_at, status, node, trigger, message
                from ops.nightly_run order by id desc limit ?""", limit);
    }

    @GetMapping("/api/nightly/{id}")
    public Map<String, Object> nightlyRun(@PathVariable long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, scheduled_for, started_at, finished_at, status, node, trigger, message
                from ops.nightly_run where id = ?""", Params.id(id, "run id"));
        if (rows.isEmpty()) {
            throw new NotFoundException("no nightly run " + id);
        }
        return rows.get(0);
    }
}
