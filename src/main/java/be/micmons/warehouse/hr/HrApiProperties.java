package be.micmons.warehouse.hr;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HR API pull (DESIGN §4, §5.4): {@code mic.hr-api.*}. An unset url turns the pull off.
 * The retry policy itself is written in {@code routes/hr-api.camel.yaml}: what is retried and
 * {@code mic.hr-api.max-attempts} (its default repeated there); {@link HrApiRetryDelay} the waits.
 *
 * @param url            base URL; {@code /declarations} is appended
 * @param token          bearer token, sent to the origin of {@code url} only (redirects are not followed)
 * @param connectTimeout time to open a connection
 * @param requestTimeout time for a page to start answering, and at most between two reads of its body
 * @param maxAttempts    attempts per page on 5xx, 429 and connection errors (read by the route)
 * @param retryBackoff   wait before the second attempt, doubled at each further one, at most 1 min
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; a longer one is cut to this
 * @param maxPageBytes   the largest answer a page may be; a larger one fails the pull
 * @param initialSince   the {@code since} of the very first pull
 * @param cursorOverlap  how far before the latest declared_at seen the next pull starts again, for
 *                       events the HR system commits late; re-read events are recognised as duplicates
 */
@ConfigurationProperties("mic.hr-api")
public record HrApiProperties(
        String url,
        String token,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("5m") Duration maxRetryAfter,
        @DefaultValue("64MB") DataSize maxPageBytes,
        @DefaultValue("1970-01-01T00:00:00Z") Instant initialSince,
        @DefaultValue("5m") Duration cursorOverlap) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    /** The same settings against another server and token (tests point this at their own server). */
    public HrApiProperties withEndpoint(String otherUrl, String otherToken) {
        return new HrApiProperties(otherUrl, otherToken, connectTimeout, requestTimeout, maxAttempts, retryBackoff,
                maxRetryAfter, maxPageBytes, initialSince, cursorOverlap);
    }

    /** The base URL without a trailing slash. */
    public String baseUrl() {
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
