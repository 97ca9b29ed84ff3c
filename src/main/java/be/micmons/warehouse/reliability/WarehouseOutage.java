package be.micmons.warehouse.reliability;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the intake knows of the warehouse being away. While PostgreSQL cannot be reached the
 * dropped files stay in the inbox and are tried again with a growing pause (1 s, 2 s, 4 s … up to
 * {@code mic.reliability.max-retry-delay}), so that three folders polled every second neither spin
 * on a dead connection nor flood the log: one warning when the outage starts, one line when it
 * ends. It is also the {@code intake} component of /actuator/health (DOWN during an outage).
 */
@Component("intake")
public class WarehouseOutage implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(WarehouseOutage.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private final Duration maxDelay;
    private final JdbcTemplate jdbc;
    private Instant since;
    private Instant nextTry;
    private Duration delay = FIRST_DELAY;
    private String lastError;
    private long attempts;

    public WarehouseOutage(ReliabilityProperties props, JdbcTemplate jdbc) {
        this.maxDelay = props.maxRetryDelay();
        this.jdbc = jdbc;
    }

    /** False while an outage lasts and its next try is not due: the file is left for a later poll. */
    public synchronized boolean mayTry() {
        return since == null || !Instant.now().isBefore(nextTry);
    }

    /** A warehouse-down failure: the first one of an outage is logged, later ones only double the pause. */
    public synchronized void failed(Throwable e) {
        Instant now = Instant.now();
        lastError = rootMessage(e);
        attempts++;
        if (since == null) {
            since = now;
            delay = FIRST_DELAY;
            log.warn("The warehouse cannot be reached ({}): files stay in the inbox and are tried again"
                    + " with a growing pause up to {} s until it is back", lastError, maxDelay.toSeconds());
        } else {
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
            log.debug("warehouse still unreachable after {} tries: {}", attempts, lastError);
        }
        nextTry = now.plus(delay);
    }

    /** Anything reached the warehouse: the outage, if any, is over. */
    public void succeeded() {
        synchronized (this) {
            if (since == null) {
                return;
            }
            log.info("The warehouse is back after {} s and {} tries: the waiting files are imported",
                    Duration.between(since, Instant.now()).toSeconds(), attempts);
            since = null;
            nextTry = null;
            delay = FIRST_DELAY;
            attempts = 0;
            lastError = null;
        }
    }

    public synchronized boolean isDown() {
        return since != null;
    }

    @Override
    public Health health() {
        if (isDown()) {
            // the outage may be over although no file came to try it: ask the warehouse itself
            try {
                jdbc.queryForObject("select 1", Integer.class);
                succeeded();
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
                .withDetail("tries", attempts).withDetail("nextTry", nextTry.toString())
                .withDetail("error", lastError).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
