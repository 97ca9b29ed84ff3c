package be.micmons.warehouse.reliability;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the intake knows of the warehouse being away, fed by the intake routes: the retries
 * themselves (1 s, 2 s, 4 s … up to {@code mic.reliability.max-retry-delay}) are Camel redelivery,
 * route configuration {@code warehouse-outage} in routes/inbox.camel.yaml. As its
 * {@code onExceptionOccurred} processor this bean sees every failed try: the first one of an outage
 * is one warning, the others are counted. The route's step after a successful import
 * ({@link #reached}) ends the outage with one line. It is also the {@code intake} component of
 * /actuator/health: DOWN while the outage lasts.
 */
@Component("intake")
public class WarehouseOutage implements HealthIndicator, Processor {
    private static final Logger log = LoggerFactory.getLogger(WarehouseOutage.class);

    private final Duration maxDelay;
    private final JdbcTemplate jdbc;
    private Instant since;
    private String lastError;
    private long attempts;

    public WarehouseOutage(ReliabilityProperties props, JdbcTemplate jdbc) {
        this.maxDelay = props.maxRetryDelay();
        this.jdbc = jdbc;
    }

    /** {@code mic.reliability.max-retry-delay} in ms, the route's {@code maximumRedeliveryDelay} (Camel reads no "30s" there). */
    public long maxRetryDelayMillis() {
        return maxDelay.toMillis();
    }

    /** A try of the intake failed because the warehouse cannot be reached (Camel calls it before redelivering). */
    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        failed(e);
    }

    /** A warehouse-down failure: the first one of an outage is logged, later ones only counted. */
    synchronized void failed(Throwable e) {
        lastError = e == null ? "unknown" : rootMessage(e);
        attempts++;
        if (since == null) {
            since = Instant.now();
            log.warn("The warehouse cannot be reached ({}): files stay in the inbox and are tried again"
                    + " with a growing pause up to {} s until it is back", lastError, maxDelay.toSeconds());
        } else {
            log.debug("warehouse still unreachable after {} tries: {}", attempts, lastError);
        }
    }

    /** An import reached the warehouse: the outage, if any, is over. */
    public void reached() {
        synchronized (this) {
            if (since == null) {
                return;
            }
            log.info("The warehouse is back after {} s and {} tries: the waiting files are imported",
                    Duration.between(since, Instant.now()).toSeconds(), attempts);
            since = null;
            attempts = 0;
            lastError = null;
        }
    }

    private synchronized boolean isDown() {
        return since != null;
    }

    @Override
    public Health health() {
        if (isDown()) {
            // the outage may be over although no file came to try it: ask the warehouse itself
            try {
                jdbc.queryForObject("select 1", Integer.class);
                reached();
            } catch (RuntimeException e) {
                // still away
            }
        }
        return status();
    }

    private synchronized Health status() {
        if (since == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("warehouseUnreachableSince", since.toString())
                .withDetail("tries", attempts).withDetail("error", lastError).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
