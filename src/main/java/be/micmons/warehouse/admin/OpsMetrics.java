package be.micmons.warehouse.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the warehouse at each scrape (so every instance reports the same):
 * {@code mic_nightly_last_success_seconds} (epoch seconds of the end of the last SUCCEEDED nightly
 * run, 0 when none) and {@code mic_imports_running}. Row counters and import durations are
 * recorded by the import ledger.
 */
@Component
public class OpsMetrics {
    private final JdbcTemplate jdbc;

    public OpsMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("mic.nightly.last.success", this, m -> m.number(
                        "select coalesce(extract(epoch from max(finished_at)), 0) from ops.nightly_run where status = 'SUCCEEDED'"))
                .description("End of the last successful nightly run, seconds since the epoch").baseUnit("seconds")
                .register(meters);
        Gauge.builder("mic.imports.running", this, m -> m.number("select count(*) from ops.import where status = 'RUNNING'"))
                .description("Imports running now, all instances").register(meters);
    }

    private double number(String sql) {
        try {
            Number n = jdbc.queryForObject(sql, Number.class);
            return n == null ? 0 : n.doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
