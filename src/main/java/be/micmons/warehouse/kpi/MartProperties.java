package be.micmons.warehouse.kpi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mic.marts.*}: an import of more than {@code bulkRows} rows leaves the exam marts to a bulk
 * rebuild after its commit instead of maintaining them key by key inside it; the marts-rebuild
 * route looks for stale marts every {@code checkInterval}.
 */
@ConfigurationProperties("mic.marts")
public record MartProperties(@DefaultValue("100000") long bulkRows, @DefaultValue("2s") Duration checkInterval) {}
