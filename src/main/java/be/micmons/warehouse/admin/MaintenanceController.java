package be.micmons.warehouse.admin;

import be.micmons.warehouse.kpi.MartMaintenance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN (every POST under /api): check the maintained marts against the reference, or rebuild them. */
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

    @PostMapping("/api/maintenance/rebuild-marts")
    public Map<String, Object> rebuild() {
        return marts.rebuild();
    }
}
