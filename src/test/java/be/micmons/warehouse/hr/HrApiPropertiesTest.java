package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** mic.hr-api.* as an operator writes it (or as MIC_HR_API_URL ...), with the documented defaults. */
class HrApiPropertiesTest {

    static HrApiProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("mic.hr-api", HrApiProperties.class);
    }

    @Test
    void unsetUrlMeansOff() {
        HrApiProperties p = bind(Map.of());
        assertThat(p.enabled()).isFalse();
        assertThat(p.maxAttempts()).isEqualTo(5);
        assertThat(p.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.maxPageBytes()).isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(64));
        assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.cursorOverlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.initialSince()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void settingsBind() {
        HrApiProperties p = bind(Map.of("mic.hr-api.url", "https://hr.example.org/api/", "mic.hr-api.token", "s3cret",
                "mic.hr-api.retry-backoff", "250ms", "mic.hr-api.max-attempts", "2", "mic.hr-api.cursor-overlap", "0s"));
        assertThat(p.enabled()).isTrue();
        assertThat(p.baseUrl()).isEqualTo("https://hr.example.org/api");
        assertThat(p.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.maxAttempts()).isEqualTo(2);
        assertThat(p.cursorOverlap()).isZero();
        assertThat(p.withEndpoint("http://127.0.0.1:1", "t").maxAttempts()).isEqualTo(2);
    }
}
