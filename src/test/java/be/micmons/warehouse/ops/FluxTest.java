package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operators see and steer the routes: metrics per route, health per route, the console page Flux. */
class FluxTest extends OpsTestBase {
    private static final Path HR_SAMPLE = Path.of("samples/hr/declarations-2009-2012.csv");

    @AfterEach
    void resumeEverything() {
        post(Who.ADMIN, "/api/routes/intake-hr/resume", null);
    }

    private JsonNode route(String id) {
        Answer a = get(Who.VIEWER, "/api/routes/" + id);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void everyRouteIsListedWithItsStateAndStatistics() throws Exception {
        dropCopy(HR_SAMPLE, "hr/declarations.csv");
        awaitImports(1);
        await().atMost(WAIT).until(() -> route("intake-hr").get("exchanges").asLong() >= 1);

        Answer a = get(Who.VIEWER, "/api/routes");
        assertThat(a.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).contains("intake-incubators", "intake-exams", "intake-hr", "nightly", "exam-db-pull",
                "exam-db-load", "partner-sftp-sync");
        JsonNode hr = route("intake-hr");
        assertThat(hr.get("state").asText()).isEqualTo("Started");
        assertThat(hr.get("failures").asLong()).isZero();
        assertThat(hr.get("lastExchange").isNull()).isFalse();
        assertThat(hr.get("meanMillis").asLong()).isPositive();
        assertThat(get(Who.VIEWER, "/api/routes/nope").status()).isEqualTo(404);
    }

    @Test
    void prometheusHasEveryRoutesExchangesFailuresAndTimings() throws Exception {
        dropCopy(HR_SAMPLE, "hr/declarations.csv");
        awaitImports(1);
        String body = get(Who.VIEWER, "/actuator/prometheus").body();
        for (String route : List.of("intake-hr", "intake-incubators", "intake-exams", "nightly")) {
            assertThat(body).contains("camel_exchanges_total{").contains("routeId=\"" + route + "\"");
        }
        assertThat(body).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"intake-hr\"[^}]*} [1-9]")
                .containsPattern("camel_exchanges_failed_total\\{[^}]*routeId=\"intake-hr\"")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"intake-hr\"");
    }

    @Test
    void healthShowsEveryRoute() {
        Answer h = get(Who.VIEWER, "/actuator/health"); // details only for a signed-in user (DESIGN §9)
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        JsonNode camel = h.json().get("components").get("camelHealth");
        assertThat(camel.get("status").asText()).as(h.body()).isEqualTo("UP");
        assertThat(camel.toString()).contains("route:intake-hr", "route:intake-incubators", "route:intake-exams",
                "route:nightly", "route:exam-db-pull", "route:partner-sftp-sync");
    }

    @Test
    void anAdminSuspendsARouteItsFilesWaitAndAreTakenWhenResumed() throws Exception {
        Answer refused = post(Who.VIEWER, "/api/routes/intake-hr/suspend", null);
        assertThat(refused.status()).isEqualTo(403);

        Answer s = post(Who.ADMIN, "/api/routes/intake-hr/suspend", null);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        assertThat(s.json().get("state").asText()).isEqualTo("Suspended");
        Path dropped = dropCopy(HR_SAMPLE, "hr/declarations.csv");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dropped)
                && jdbc.queryForObject("select count(*) from ops.import", Long.class) == 0);

        Answer r = post(Who.ADMIN, "/api/routes/intake-hr/resume", null);
        assertThat(r.json().get("state").asText()).isEqualTo("Started");
        assertThat(awaitImports(1).get(0).get("source")).isEqualTo("hr");
        awaitGone(dropped);
    }

    @Test
    void theConsolePageFluxListsTheRoutesInFrenchAndEnglish() {
        Answer fr = get(Who.VIEWER, "/console/flux");
        assertThat(fr.status()).isEqualTo(200);
        assertThat(fr.body()).contains("Flux de données", "intake-hr", "partner-sftp-sync", "en marche", "Temps moyen",
                "href=\"/console/flux\"").doesNotContain("Suspendre");
        Answer en = get(Who.VIEWER, "/console/flux?lang=en");
        assertThat(en.body()).contains("Data flows", "running", "Mean time");
        Answer admin = get(Who.ADMIN, "/console/flux");
        assertThat(admin.body()).contains("Suspendre", "/api/routes/intake-hr/suspend");
    }
}
