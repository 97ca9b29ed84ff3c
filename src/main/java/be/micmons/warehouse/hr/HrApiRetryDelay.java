package be.micmons.warehouse.hr;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code onExceptionOccurred} of the HR API's retries (routes/hr-api.camel.yaml): the wait before the
 * next attempt. When the answer carries {@code Retry-After} (delta-seconds or an HTTP date,
 * RFC 9110 §10.2.3) it is that (at most {@code mic.hr-api.max-retry-after}); otherwise
 * {@code mic.hr-api.retry-backoff}, doubled at each further attempt, at most a minute.
 * (Camel's own delay options take milliseconds only; these properties are durations such as {@code 1s}.)
 */
@Component("hrApiRetryDelay")
public class HrApiRetryDelay implements Processor {
    private static final Logger log = LoggerFactory.getLogger(HrApiRetryDelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final HrApiProperties props;

    public HrApiRetryDelay(HrApiProperties props) {
        this.props = props;
    }

    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Duration wait = e instanceof HttpOperationFailedException http ? asked(http.getResponseHeaders(), Instant.now()) : null;
        if (wait == null) {
            int failures = Math.max(1, exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class));
            wait = backoff(props.retryBackoff(), failures);
        } else if (wait.compareTo(props.maxRetryAfter()) > 0) {
            log.warn("The HR API asks to wait {} s before retrying; waiting mic.hr-api.max-retry-after ({} s)",
                    wait.toSeconds(), props.maxRetryAfter().toSeconds());
            wait = props.maxRetryAfter();
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
    }

    /** {@code first}, doubled for each failure after the first, at most a minute. */
    static Duration backoff(Duration first, int failures) {
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The wait a Retry-After header asks for, or null when there is none or it cannot be read. */
    static Duration asked(Map<String, String> headers, Instant now) {
        if (headers == null) {
            return null;
        }
        String value = headers.entrySet().stream().filter(h -> "Retry-After".equalsIgnoreCase(h.getKey()))
                .map(Map.Entry::getValue).findFirst().map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
