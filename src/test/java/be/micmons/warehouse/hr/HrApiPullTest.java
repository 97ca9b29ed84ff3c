package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.hr.HrFixtures.Decl;
import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HR API pull against a real HTTP server in the test (JDK HttpServer on 127.0.0.1): paging, the
 * since cursor, the bearer token, retries, and the same events via API and CSV counted once.
 * The pull is given the test server's URL through {@link HrApiPull#pull(String, HrApiProperties)}, so the
 * shared Spring context keeps mic.hr-api.url unset (the pull is off for every other test).
 */
class HrApiPullTest extends WarehouseTest {
    @Autowired
    HrApiPull pull;
    @Autowired
    be.micmons.warehouse.intake.Archive archive;
    @Autowired
    HrApiProperties configured;
    @Autowired
    be.micmons.warehouse.intake.ArchiveRetention retention;
    @Autowired
    TransactionTemplate tx;

    HrApiStub api;
    HrApiProperties settings;

    @BeforeEach
    void startApi() throws IOException {
        api = new HrApiStub();
        // 3 attempts, 20 ms backoff: mic.hr-api.max-attempts / retry-backoff of the test context (WarehouseTest)
        settings = configured.withEndpoint(api.url() + "/", "hr-test-token");
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    static List<Decl> firstThenSecond() {
        List<Decl> all = new ArrayList<>(HrCsvIntakeTest.FIRST);
        all.addAll(HrCsvIntakeTest.SECOND);
        return all;
    }

    Map<String, Object> importRow(long id) {
        return jdbc.queryForMap("select * from ops.import where id = ?", id);
    }

    List<Map<String, Object>> metrics() {
        return jdbc.queryForList("select * from mart.job_metric_by_year order by metric, year");
    }

    @Test
    void pagedPullFollowsNextPageAndASecondPullChangesNothing() throws Exception {
        HrCsvIntakeTest.startups();
        awaitImports(1);
        api.serve(firstThenSecond());

        List<Long> ids = pull.pull("ADMIN", settings);
        assertThat(ids).hasSize(1);
        assertThat(importRow(ids.get(0))).containsEntry("source", "hr").containsEntry("partner", null)
                .containsEntry("trigger", "ADMIN").containsEntry("status", "LOADED_WITH_REJECTS")
                .containsEntry("file_name", "GET " + api.url() + "/declarations?since=1970-01-01T00:00:00Z")
                .containsEntry("rows_read", 16L).containsEntry("rows_loaded", 15L).containsEntry("rows_rejected", 1L);
        assertThat(api.requests).hasSize(8);
        // DESIGN §5.4: the first request names no page; the next ones ask each answer's next_page
        assertThat(api.requests.get(0)).isEqualTo("since=1970-01-01T00%3A00%3A00Z");
        for (int p = 2; p <= 8; p++) {
            assertThat(api.requests.get(p - 1)).isEqualTo("since=1970-01-01T00%3A00%3A00Z&page=" + p);
        }
        // the invalid NISS is item 4 of the pull
        assertThat(jdbc.queryForList("select line_no || ':' || field || ':' || reason_code from ops.rejected_row",
                String.class)).containsExactly("4:worker_niss:INVALID_NISS", "13:employer_enterprise_number:INVALID_ENTERPRISE_NUMBER");

        assertThat(kpi("jobs_created", 2009)).isEqualTo(2);
        assertThat(kpi("jobs_created", 2010)).isEqualTo(1);
        assertThat(kpi("jobs_created", 2011)).isEqualTo(1);
        assertThat(kpi("jobs_created", 2012)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select value from mart.convention_kpi where metric = 'jobs_created_fte'"
                + " and year = 2010", java.math.BigDecimal.class)).isEqualByComparingTo("0.5");
        // the latest declared_at seen, less the overlap (5 minutes by default) for events committed late
        assertThat(jdbc.queryForObject("select since from ops.hr_pull_cursor", OffsetDateTime.class).toInstant())
                .isEqualTo(OffsetDateTime.parse("2012-02-10T06:55:00Z").toInstant());
        List<Map<String, Object>> before = metrics();

        // the pull is archived as one saved answer; dropped again, it is read like the pull and changes nothing
        Path archived = Path.of((String) importRow(ids.get(0)).get("archive_path"));
        assertThat(archived).exists();
        // kept encrypted (DESIGN §16): the archive gives the saved answer back in clear
        Path saved = archive.restore("hr", archived.getFileName().toString());
        dropCopy(saved, "hr/saved-pull.json");
        java.nio.file.Files.delete(saved);
        Map<String, Object> replay = awaitImports(3).get(2);
        assertThat(replay).containsEntry("file_name", "saved-pull.json").containsEntry("status", "LOADED_WITH_REJECTS")
                .containsEntry("rows_read", 16L).containsEntry("rows_loaded", 0L).containsEntry("rows_duplicate", 15L);
        assertThat(jdbc.queryForList("select line_no || ':' || reason_code from ops.rejected_row where import_id = ?"
                + " and severity = 'ERROR'", String.class, replay.get("id"))).containsExactly("4:INVALID_NISS");
        assertThat(metrics()).isEqualTo(before);

        api.requests.clear();
        List<Long> again = pull.pull("NIGHTLY", settings);
        assertThat(api.requests).containsExactly("since=2012-02-10T06%3A55%3A00Z");
        assertThat(importRow(again.get(0))).containsEntry("status", "LOADED").containsEntry("rows_read", 1L)
                .containsEntry("rows_loaded", 0L).containsEntry("rows_duplicate", 1L)
                .containsEntry("file_name", "GET " + api.url() + "/declarations?since=2012-02-10T06:55:00Z");
        assertThat(metrics()).isEqualTo(before);
    }

    @Test
    void aWrongTokenFailsTheImportNamingTheCause() throws Exception {
        api.serve(HrCsvIntakeTest.SECOND);
        api.token = "the-real-token";

        long id = pull.pull("ADMIN", settings).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("HTTP 401").contains("mic.hr-api.token");
        assertThat(api.requests).hasSize(1); // no retry on a refused token
        assertThat(jdbc.queryForObject("select count(*) from core.hr_event", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ops.hr_pull_cursor", Long.class)).isZero();

        // once the token is right, everything comes from the start: nothing was lost
        long ok = pull.pull("ADMIN", settings.withEndpoint(api.url(), "the-real-token")).get(0);
        assertThat(importRow(ok)).containsEntry("status", "LOADED").containsEntry("rows_loaded", 11L);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        api.serve(HrCsvIntakeTest.SECOND);
        api.failuresToServe.set(2);

        long id = pull.pull("ADMIN", settings).get(0);
        assertThat(importRow(id)).containsEntry("status", "LOADED").containsEntry("rows_loaded", 11L);
        assertThat(api.requests).hasSize(2 + 6);

        // more failures than attempts: FAILED, nothing half-loaded, cursor kept
        jdbc.update("update ops.hr_pull_cursor set since = '2009-01-01T00:00:00Z'");
        api.failuresToServe.set(3);
        long failed = pull.pull("ADMIN", settings).get(0);
        assertThat(importRow(failed)).containsEntry("status", "FAILED");
        assertThat((String) importRow(failed).get("message")).contains("HTTP 500").contains("after 3 attempts");
        assertThat(jdbc.queryForObject("select count(*) from core.hr_event where import_id = ?", Long.class, failed)).isZero();
        assertThat(jdbc.queryForObject("select since from ops.hr_pull_cursor", OffsetDateTime.class).toInstant())
                .isEqualTo(OffsetDateTime.parse("2009-01-01T00:00:00Z").toInstant());
    }

    @Test
    void anUnreachableApiFailsAfterItsAttempts() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long id = pull.pull("NIGHTLY", settings.withEndpoint("http://127.0.0.1:" + closedPort, "t")).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("cannot be reached").contains("after 3 attempts");
    }

    @Test
    void aJsonFileThatIsNotAnApiAnswerGoesToFailed() throws Exception {
        drop("hr/export.json", "{\"declarations\": []}", StandardCharsets.UTF_8);
        Map<String, Object> i = awaitImports(1).get(0);
        assertThat(i).containsEntry("status", "FAILED");
        assertThat((String) i.get("message")).contains("no \"items\"");
    }

    @Test
    void anEmptyAnswerIsAnEmptyImport() throws Exception {
        long id = pull.pull("NIGHTLY", settings).get(0);
        assertThat(importRow(id)).containsEntry("status", "LOADED").containsEntry("rows_read", 0L);
        assertThat(api.requests).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from ops.hr_pull_cursor", Long.class)).isZero();
    }

    @Test
    void theSameEventsViaApiAndCsvCountOnce() throws Exception {
        HrCsvIntakeTest.startups();
        awaitImports(1);
        drop("hr/second.csv", HrFixtures.csv(HrCsvIntakeTest.SECOND), StandardCharsets.UTF_8);
        awaitImports(2);
        assertThat(kpi("jobs_created", 2009)).isEqualTo(3); // W1, W7, and W2 (no UPDATE yet)
        List<Map<String, Object>> fromCsv = metrics();

        // the API spells the same instants in UTC
        List<Decl> utc = HrCsvIntakeTest.SECOND.stream().map(d -> new Decl(d.id(), d.action(), d.employer(), d.niss(),
                d.type(), d.fte(), d.start(), d.end(),
                OffsetDateTime.parse(d.declaredAt()).withOffsetSameInstant(ZoneOffset.UTC).toString())).toList();
        api.serve(utc);
        long id = pull.pull("ADMIN", settings).get(0);
        assertThat(importRow(id)).containsEntry("status", "LOADED").containsEntry("rows_read", 11L)
                .containsEntry("rows_loaded", 0L).containsEntry("rows_duplicate", 11L);
        assertThat(metrics()).isEqualTo(fromCsv);

        // the rest arrives later by file: UPDATE, CANCEL, OUT applied in declared_at order
        drop("hr/first.csv", HrFixtures.csv(HrCsvIntakeTest.FIRST), StandardCharsets.UTF_8);
        awaitImports(4);
        assertThat(kpi("jobs_created", 2009)).isEqualTo(2);
        assertThat(kpi("jobs_created", 2010)).isEqualTo(1);
        assertThat(kpi("jobs_created", 2012)).isEqualTo(1);
    }

    @Test
    void thePullsAnswerIsPurgedWithTheRetentionLikeADroppedFile() throws Exception {
        api.serve(firstThenSecond());
        long id = pull.pull("NIGHTLY", settings).get(0);
        Path kept = Path.of((String) importRow(id).get("archive_path"));
        assertThat(kept).exists();
        List<Map<String, Object>> before = metrics();
        assertThat(retention.purge()).contains(" 0 file(s)");

        jdbc.update("update ops.import set received_at = now() - interval '11 years' where id = ?", id);
        assertThat(retention.purge()).contains(" 1 file(s)");
        assertThat(kept).doesNotExist();
        assertThat(jdbc.queryForList("select source || '/' || sha256 from ops.archive_purge", String.class))
                .containsExactly("hr/" + kept.getFileName());
        assertThat(metrics()).isEqualTo(before);
        assertThat(retention.purge()).contains(" 0 file(s)");
    }

    @Test
    void thePullStoresItsAnswerOnlyWhenNoArchiveSweepIsDeciding() throws Exception {
        api.serve(firstThenSecond());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> sweep = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            jdbc.execute(be.micmons.warehouse.intake.Archive.SWEEP_LOCK);
            locked.countDown();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(locked.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<Long>> pulled = CompletableFuture.supplyAsync(() -> {
            try {
                return pull.pull("ADMIN", settings);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> pulled.isDone() || jdbc.queryForObject(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted", Integer.class) == 1);
        assertThat(pulled).as("the pull waits for the sweep before storing its answer").isNotDone();
        release.countDown();
        sweep.get(60, TimeUnit.SECONDS);
        long id = pulled.get(60, TimeUnit.SECONDS).get(0);
        assertThat(importRow(id)).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("rows_loaded", 15L);
        assertThat(Path.of((String) importRow(id).get("archive_path"))).exists();
    }

    @Test
    void withoutAnUrlThePullIsOff() throws Exception {
        assertThat(configured.url()).isNull();
        assertThat(pull.name()).isEqualTo("hr");
        assertThat(pull.enabled()).isFalse();
        assertThat(pull.pull("NIGHTLY")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();
    }
}
