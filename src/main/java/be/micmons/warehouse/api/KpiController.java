package be.micmons.warehouse.api;

import be.micmons.warehouse.kpi.MartMaintenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Convention figures from the pinned mart views (DESIGN §8, §9). */
@RestController
@RequestMapping("/api/kpis")
public class KpiController {
    private final JdbcTemplate jdbc;
    private final MartMaintenance marts;

    public KpiController(JdbcTemplate jdbc, MartMaintenance marts) {
        this.jdbc = jdbc;
        this.marts = marts;
    }

    /** Phase totals and yearly figures; all phases when none is asked. */
    @GetMapping
    public List<Map<String, Object>> kpis(@RequestParam(required = false) String phase) {
        marts.publishCountsIfStale();
        List<String> phases = jdbc.queryForList("select phase from ops.convention_phase order by year_from", String.class);
        if (phase != null && !phases.contains(phase)) {
            throw new BadRequestException("unknown phase '" + phase + "'; known phases: " + phases);
        }
        return (phase == null ? phases : List.of(phase)).stream().map(this::phase).toList();
    }

    private Map<String, Object> phase(String phase) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", phase);
        out.put("totals", jdbc.queryForList("""
                select k.metric, k.value, k.target from mart.convention_phase_kpi k
                join ops.metric m on m.name = k.metric where k.phase = ? order by m.ord""", phase));
        out.put("years", jdbc.queryForList("""
                select k.year, k.metric, k.value, k.target from mart.convention_kpi k
                join ops.metric m on m.name = k.metric where k.phase = ? order by k.year, m.ord""", phase));
        return out;
    }
}
