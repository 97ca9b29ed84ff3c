package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wait before a retry of the HR API: Retry-After as delta-seconds or HTTP date, else the backoff. */
class HrApiRetryDelayTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(HrApiRetryDelay.asked(Map.of("Retry-after", "1"), NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HrApiRetryDelay.asked(Map.of("Retry-After", " 120 "), NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(HrApiRetryDelay.asked(Map.of("Retry-After", "Tue, 01 Dec 2026 08:00:30 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(HrApiRetryDelay.asked(Map.of("Retry-After", "Tue, 01 Dec 2026 07:59:00 GMT"), NOW)).isZero();
        assertThat(HrApiRetryDelay.asked(Map.of("Retry-After", "soon"), NOW)).isNull();
        assertThat(HrApiRetryDelay.asked(Map.of("Content-Type", "application/json"), NOW)).isNull();
        assertThat(HrApiRetryDelay.asked(null, NOW)).isNull();
    }

    @Test
    void withoutRetryAfterTheBackoffDoublesUpToAMinute() {
        Duration first = Duration.ofSeconds(1);
        assertThat(HrApiRetryDelay.backoff(first, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HrApiRetryDelay.backoff(first, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HrApiRetryDelay.backoff(first, 4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(HrApiRetryDelay.backoff(first, 30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void onlyTheSameSchemeHostAndPortIsTheSameOrigin() {
        java.net.URI api = java.net.URI.create("https://hr.example.org/api/declarations?page=2");
        assertThat(HrApiClient.sameOrigin(api, java.net.URI.create("https://HR.example.org:443/v2"))).isTrue();
        assertThat(HrApiClient.sameOrigin(api, java.net.URI.create("http://hr.example.org/api"))).isFalse();
        assertThat(HrApiClient.sameOrigin(api, java.net.URI.create("https://hr.example.org:8443/api"))).isFalse();
        assertThat(HrApiClient.sameOrigin(api, java.net.URI.create("https://evil.example.net/api"))).isFalse();
    }
}
