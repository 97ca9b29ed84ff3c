package be.micmons.warehouse.reliability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code mic.reliability.*}: how long, at most, a file waits between two tries while the warehouse is away. */
@ConfigurationProperties("mic.reliability")
public record ReliabilityProperties(@DefaultValue("30s") Duration maxRetryDelay) {}
