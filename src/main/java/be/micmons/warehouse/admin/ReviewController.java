package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import be.micmons.warehouse.api.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.jdbc.core.JdbcTemplate;

/** The look-alike start-up review queue (DESIGN §7, §9): list (VIEWER), decide (ADMIN). */
@RestController
public class ReviewController {
    private static final Set<String> STATUSES = Set.of("PENDING", "MERGED", "DISTINCT");
    private final JdbcTemplate jdbc;
    private final ReviewDecisions decisions;

    public ReviewController(JdbcTemplate jdbc, ReviewDecisions decisions) {
        this.jdbc = jdbc;
        this.decisions = decisions;
    }

    @GetMapping("/api/review")
    public List<Map<String, Object>> pending(@RequestParam(defaultValue = "PENDING") String status) {
        if (!STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES);
        }
        return jdbc.queryForList("""
                select id, name_a, name_b, postal_code, similarity, reason, status, key_a, key_b, created_at, decided_at
                from core.review_pair where status = ? order by similarity desc, id""", status);
    }

    /** Body: {"decision":"merge"} or {"decision":"distinct"}. */
    public record Decision(String decision) {}

    @PostMapping("/api/review/{id}")
    public Map<String, Object> decide(@PathVariable long id, @RequestBody Decision body) {
        Params.id(id, "review id");
        if (body == null || body.decision() == null) {
            throw new BadRequestException("a JSON body {\"decision\": \"merge\" | \"distinct\"} is required");
        }
        String status = switch (body.decision()) {
            case "merge" -> decisions.merge(id);
            case "distinct" -> decisions.distinct(id);
            default -> throw new BadRequestException("decision must be \"merge\" or \"distinct\"");
        };
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, name_a, name_b, postal_code, similarity, reason, status, key_a, key_b, created_at, decided_at
                from core.review_pair where id = ?""", id);
        if (rows.isEmpty()) {
            throw new NotFoundException("no review pair " + id);
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(rows.get(0));
        out.put("status", status);
        return out;
    }
}
