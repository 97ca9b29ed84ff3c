package be.micmons.warehouse.admin;

import be.micmons.warehouse.kpi.MartMaintenance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN (every POST under /api): check the maintained marts against the reference, or have them
 * rebuilt; their state for anyone signed in.
 */
@RestController
public class MaintenanceController {
    private final MartMaintenance marts;

    public MaintenanceController(MartMaintenance marts) {
        this.marts = marts;
    }

    @PostMapping("/api/maintenance/verify-marts")
    public Map<String, Object> verify() {
        var layers = marts.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("equal", layers.stream().allMatch(MartMaintenance.Layer::equal));
        body.put("layers", layers);
        return body;
    }

    /** 202: minutes at 10M rows, so the marts-rebuild route does it; GET the location for its end. */
    @PostMapping("/api/maintenance/rebuild-marts")
    public ResponseEntity<Map<String, Object>> rebuild() {
        Map<String, Object> body = new LinkedHashMap<>(marts.requestRebuild());
        body.put("location", "/api/maintenance/marts");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping("/api/maintenance/marts")
    public Map<String, Object> state() {
        return marts.state();
    }
}
