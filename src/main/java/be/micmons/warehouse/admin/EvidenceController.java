package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/kpis/{metric}/evidence?year=Y: the source file and line of every counted item (mart.evidence). */
@RestController
public class EvidenceController {
    private final JdbcTemplate jdbc;

    public EvidenceController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/kpis/{metric}/evidence")
    public Map<String, Object> evidence(@PathVariable String metric, @RequestParam(required = false) Integer year,
                                        @RequestParam(defaultValue = "10000") int limit,
                                        @RequestParam(defaultValue = "0") int offset) {
        List<String> metrics = jdbc.queryForList("select name from ops.metric order by ord", String.class);
        if (!metrics.contains(metric)) {
            throw new BadRequestException("unknown metric; known metrics: " + metrics);
        }
        int y = Params.year(year);
        if (limit < 1 || limit > 100_000 || offset < 0) {
            throw new BadRequestException("limit must be between 1 and 100000 and offset not negative");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("year", y);
        out.put("value", jdbc.queryForObject(
                "select coalesce(sum(value), 0) from mart.metric_by_year where metric = ? and year = ?",
                Number.class, metric, y));
        out.put("items", jdbc.queryForList("""
                select item, source, partner, file_name, import_id, line_no from mart.evidence
                where metric = ? and year = ? order by import_id, line_no, item limit ? offset ?""",
                metric, y, limit, offset));
        return out;
    }
}
