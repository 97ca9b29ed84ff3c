package be.micmons.warehouse.admin;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code warehouse} component of /actuator/health: the database answers, with the work in progress. */
@Component("warehouse")
public class WarehouseHealth implements HealthIndicator {
    private final JdbcTemplate jdbc;

    public WarehouseHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        try {
            Long running = jdbc.queryForObject("select count(*) from ops.import where status = 'RUNNING'", Long.class);
            return Health.up().withDetail("runningImports", running).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
