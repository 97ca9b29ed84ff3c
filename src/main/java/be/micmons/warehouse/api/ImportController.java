package be.micmons.warehouse.api;

import be.micmons.warehouse.intake.ImportProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The import ledger, read-only (DESIGN §9). */
@RestController
@RequestMapping("/api/imports")
public class ImportController {
    static final Set<String> SOURCES = Set.of("incubators", "exams", "hr");
    static final Set<String> STATUSES = Set.of("RUNNING", "LOADED", "LOADED_WITH_REJECTS", "DUPLICATE", "FAILED", "SUPERSEDED", "HELD", "WITHDRAWN");
    private static final String COLUMNS = """
            id, source, partner, file_name, sha256, trigger, status, rows_read, rows_loaded, rows_rejected,
            rows_duplicate, started_at, finished_at, message, duplicate_of, superseded_by, reimport_of, received_at, node,
            status_changed_at, status_reason, hold_ratio, hold_baseline_rows""";

    private final JdbcTemplate jdbc;

    public ImportController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(required = false) String source,
                                          @RequestParam(required = false) String status,
                                          @RequestParam(required = false) String partner,
                                          @RequestParam(required = false) String file,
                                          @RequestParam(required = false) java.time.LocalDate from,
                                          @RequestParam(required = false) java.time.LocalDate to,
                                          @RequestParam(defaultValue = "100") int limit) {
        if (source != null && !SOURCES.contains(source)) {
            throw new BadRequestException("source must be one of " + SOURCES);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 10_000) {
            throw new BadRequestException("limit must be between 1 and 10000");
        }
        if (file != null && file.length() > 200) {
            throw new BadRequestException("file must be at most 200 characters");
        }
        // partner: a partner site or exam provider; file: part of the file name; from/to: received days (Brussels)
        String like = file == null || file.isBlank() ? null
                : "%" + file.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Map<String, Object>> rows = jdbc.queryForList("select " + COLUMNS + " from ops.import"
                        + " where (?::text is null or source = ?) and (?::text is null or status = ?)"
                        + " and (?::text is null or partner = ?) and (?::text is null or file_name ilike ?)"
                        + " and (?::date is null or received_at >= (?::date)::timestamp at time zone 'Europe/Brussels')"
                        + " and (?::date is null or received_at < ((?::date) + 1)::timestamp at time zone 'Europe/Brussels')"
                        + " order by id desc limit ?",
                source, source, status, status, partner, partner, like, like, from, from, to, to, limit);
        return withProgress(rows);
    }

    @GetMapping("/{id}")
    public Map<String, Object> one(@PathVariable long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("select " + COLUMNS + " from ops.import where id = ?", id);
        if (rows.isEmpty()) {
            throw new NotFoundException("no import " + id);
        }
        return withProgress(rows).get(0);
    }

    @GetMapping("/{id}/rejects")
    public List<Map<String, Object>> rejects(@PathVariable long id,
                                             @RequestParam(defaultValue = "1000") int limit,
                                             @RequestParam(defaultValue = "0") int offset) {
        one(id);
        if (limit < 1 || limit > 100_000 || offset < 0) {
            throw new BadRequestException("limit must be between 1 and 100000 and offset not negative");
        }
        return jdbc.queryForList("""
                select line_no, field, reason_code, severity, message from ops.rejected_row
                where import_id = ? order by line_no, id limit ? offset ?""", id, limit, offset);
    }

    /** Running imports show the rows read so far and the rate. */
    private static List<Map<String, Object>> withProgress(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            out.add(ImportProgress.decorate(new LinkedHashMap<>(r)));
        }
        return out;
    }
}
