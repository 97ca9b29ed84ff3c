package be.micmons.warehouse.incubators;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.intake.IntakeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Review pairs keep their id across imports (DESIGN §9); places are recomputed without a global lock. */
class ReviewQueueTest extends TwoSitesTestBase {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    DataSource dataSource;
    @Autowired
    IntakeService intake;

    private long pairId(String postalCode) {
        return jdbc.queryForObject("select id from core.review_pair where postal_code = ? and status = 'PENDING'",
                Long.class, postalCode);
    }

    private ResponseEntity<String> post(String path, String json) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("admin", ADMIN_PASSWORD).postForEntity(path, new HttpEntity<>(json, h), String.class);
    }

    @Test
    void aPairKeepsItsIdThroughLaterImportsAndAStaleMergeStillWorks() throws IOException {
        drop("incubators/alpha-site/a.csv", HEADER
                + "Sambre Security;;01/01/2010;7000\n"
                + "Sambre Securty SA;;01/01/2010;7000\n"
                + "Meuse Digital;;01/01/2010;5000\n", UTF_8);
        long first = (Long) awaitImports(1).get(0).get("id");
        long sambre = pairId("7000");   // the id a console page shows before the next imports

        // an import of the same place with a new look-alike there, and one making a pair elsewhere
        drop("incubators/beta-site/b.csv", HEADER
                + "Sambre Security;;02/02/2010;7000\n"
                + "Hainaut Bois;;;7000\n"
                + "Hainaut Boiss;;;7000\n"
                + "Meuse Digitall;;;5000\n", UTF_8);
        awaitImports(2);
        assertThat(jdbc.queryForObject("select count(*) from core.review_pair where status = 'PENDING'", Long.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("select id from core.review_pair where name_a like 'Sambre%'", Long.class))
                .isEqualTo(sambre);
        long meuse = pairId("5000");

        // a re-import of the first file replaces its records: both start-ups still exist, the ids stay
        assertThat(post("/api/imports/" + first + "/reimport", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from ops.import where status = 'RUNNING'", Long.class) == 0);
        assertThat(jdbc.queryForObject("select status from ops.import where id = ?", String.class, first))
                .isEqualTo("SUPERSEDED");
        assertThat(jdbc.queryForObject("select id from core.review_pair where name_a like 'Sambre%'", Long.class))
                .isEqualTo(sambre);
        assertThat(pairId("5000")).isEqualTo(meuse);

        // the Merge of a page opened before all that still finds its pair
        ResponseEntity<String> merged = post("/api/review/" + sambre, "{\"decision\":\"merge\"}");
        assertThat(merged.getStatusCode().value()).as(merged.getBody()).isEqualTo(200);
        assertThat(merged.getBody()).contains("\"MERGED\"");
        assertThat(jdbc.queryForObject("select count(*) from core.startup where name like 'Sambre%'", Long.class))
                .isEqualTo(1);
        // the other places' pairs are untouched by the decision
        assertThat(pairId("5000")).isEqualTo(meuse);
        assertThat(jdbc.queryForObject("select count(*) from core.review_pair where status = 'PENDING'", Long.class))
                .isEqualTo(2);
    }

    @Test
    void importsOfOtherPlacesDoNotWaitWhileAPlaceIsRecomputed() throws Exception {
        Path staged = Files.createDirectories(ROOT.resolve("staged-" + System.nanoTime())).resolve("mons.csv");
        Files.writeString(staged, HEADER + "Sambre Security;;;7000\nSambre Securty;;;7000\n", UTF_8);
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (Statement s = hold.createStatement()) {
                // what a long import of 7000 holds while it recomputes its place, and the former global lock
                s.execute("select pg_advisory_xact_lock(" + ReviewQueue.LOCK_SPACE + ", " + ReviewQueue.lockKey("7000") + ")");
                s.execute("select pg_advisory_xact_lock(hashtext('core.startup identity'))");
            }
            CompletableFuture<IntakeService.Outcome> mons = CompletableFuture.supplyAsync(() -> {
                try {
                    return intake.importFile(staged, "incubators", "alpha-site", "ADMIN");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from ops.import where file_name = 'mons.csv' and status = 'RUNNING'", Long.class) == 1);

            drop("incubators/beta-site/namur.csv", HEADER + "Meuse Digital;;;5000\nMeuse Digitall;;;5000\n", UTF_8);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                    "select count(*) from ops.import where file_name = 'namur.csv' and status = 'LOADED'", Long.class) == 1);
            assertThat(jdbc.queryForObject("select count(*) from core.review_pair where postal_code = '5000'", Long.class))
                    .isEqualTo(1);
            // the import of the same place waits for it, and only for it
            assertThat(mons).isNotDone();
            assertThat(jdbc.queryForObject("select status from ops.import where file_name = 'mons.csv'", String.class))
                    .isEqualTo("RUNNING");
            hold.rollback();
            assertThat(mons.get(60, TimeUnit.SECONDS).status()).isEqualTo("LOADED");
        }
        List<Map<String, Object>> pairs = jdbc.queryForList("select postal_code, status from core.review_pair order by postal_code");
        assertThat(pairs).extracting(m -> m.get("postal_code")).containsExactly("5000", "7000");
    }
}
