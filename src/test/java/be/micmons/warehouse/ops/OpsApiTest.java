package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operations endpoint with each role and without credentials; hostile parameters answered 4xx. */
class OpsApiTest extends OpsTestBase {

    private static final List<String> VIEWER_GETS = List.of(
            "/api/imports", "/api/imports?source=hr&status=LOADED&limit=5", "/api/kpis", "/api/kpis?phase=2009-2011",
            "/api/kpis/startups_created/evidence?year=2010", "/api/review", "/api/review?status=MERGED",
            "/api/pulls/runs", "/api/nightly", "/actuator/prometheus");

    @Test
    void readingNeedsAViewerAndActingAnAdmin() {
        for (String path : VIEWER_GETS) {
            assertThat(get(Who.NOBODY, path).status()).as("GET %s without credentials", path).isEqualTo(401);
            assertThat(get(Who.WRONG, path).status()).as("GET %s wrong password", path).isEqualTo(401);
            assertThat(get(Who.VIEWER, path).status()).as("GET %s as viewer", path).isEqualTo(200);
            assertThat(get(Who.ADMIN, path).status()).as("GET %s as admin", path).isEqualTo(200);
        }
        for (String path : List.of("/api/imports/1", "/api/imports/1/rejects", "/api/pulls/runs/1", "/api/nightly/1")) {
            assertThat(get(Who.NOBODY, path).status()).as("GET %s without credentials", path).isEqualTo(401);
            assertThat(get(Who.VIEWER, path).status()).as("GET %s as viewer (none yet)", path).isEqualTo(404);
            assertThat(get(Who.ADMIN, path).status()).as("GET %s as admin (none yet)", path).isEqualTo(404);
        }

        List<String[]> adminPosts = List.of(
                new String[] {"/api/imports/1/reimport", null},
                new String[] {"/api/reimports", "{\"source\":\"hr\",\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                new String[] {"/api/pulls/partners", null},
                new String[] {"/api/pulls/exam-db", null},
                new String[] {"/api/pulls/hr", null},
                new String[] {"/api/review/1", "{\"decision\":\"distinct\"}"},
                new String[] {"/api/nightly", null});
        for (String[] p : adminPosts) {
            assertThat(post(Who.NOBODY, p[0], p[1]).status()).as("POST %s without credentials", p[0]).isEqualTo(401);
            assertThat(post(Who.WRONG, p[0], p[1]).status()).as("POST %s wrong password", p[0]).isEqualTo(401);
            assertThat(post(Who.VIEWER, p[0], p[1]).status()).as("POST %s as viewer", p[0]).isEqualTo(403);
            int admin = post(Who.ADMIN, p[0], p[1]).status();
            assertThat(admin).as("POST %s as admin", p[0]).isBetween(200, 499).isNotIn(401, 403);
        }
        // as admin on an empty warehouse: nothing to replay, pulls not configured here, no such pair
        assertThat(post(Who.ADMIN, "/api/imports/1/reimport", null).status()).isEqualTo(404);
        assertThat(post(Who.ADMIN, "/api/reimports", adminPosts.get(1)[1]).status()).isEqualTo(202);
        assertThat(post(Who.ADMIN, "/api/pulls/exam-db", null).status()).isEqualTo(409);
        assertThat(post(Who.ADMIN, "/api/review/1", "{\"decision\":\"merge\"}").status()).isEqualTo(404);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from ops.nightly_run where status = 'RUNNING'", Long.class) == 0);
    }

    @Test
    void healthIsPublicWithTheWarehouseAndTheRoutes() {
        assertThat(get(Who.NOBODY, "/actuator/health").status()).isEqualTo(200);
        // DESIGN §9: the details (here checked) are shown to a signed-in account only
        Answer h = get(Who.VIEWER, "/actuator/health");
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        JsonNode components = h.json().get("components");
        assertThat(components.get("warehouse").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.has("camelHealth")).as(h.body()).isTrue();
    }

    @Test
    void prometheusShowsImportRowsAndTheLastNightly() throws Exception {
        dropSamples("incubators");
        awaitImports(5);
        Answer m = get(Who.VIEWER, "/actuator/prometheus");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("mic_import_rows_total{kind=\"loaded\",source=\"incubators\"}")
                .contains("mic_import_rows_total{kind=\"rejected\",source=\"incubators\"}")
                .contains("mic_import_duration_seconds_count{source=\"incubators\"}")
                .contains("mic_nightly_last_success_seconds");
    }

    @Test
    void evidenceListsTheFileAndLineOfEveryCountedStartup() throws Exception {
        dropSamples("incubators");
        awaitImports(5);
        Answer e = get(Who.VIEWER, "/api/kpis/startups_created/evidence?year=2010");
        assertThat(e.status()).isEqualTo(200);
        JsonNode body = e.json();
        assertThat(body.get("value").asLong()).isEqualTo(9);
        assertThat(body.get("items")).hasSize(9);
        for (JsonNode item : body.get("items")) {
            assertThat(item.get("file_name").asText()).isNotBlank();
            assertThat(item.get("line_no").asLong()).isPositive();
            assertThat(item.get("import_id").asLong()).isPositive();
        }
        assertThat(get(Who.VIEWER, "/api/kpis/jobs_created/evidence?year=2012").json().get("items")).isEmpty();
    }

    @Test
    void reviewMergeChangesTheFiguresAndDistinctKeepsThem() throws Exception {
        dropSamples("incubators");
        awaitImports(5);
        assertThat(kpi("startups_created", 2010)).isEqualTo(9);
        Answer list = get(Who.VIEWER, "/api/review");
        assertThat(list.json()).hasSize(1);
        JsonNode pair = list.json().get(0);
        assertThat(pair.get("name_a").asText() + " ~ " + pair.get("name_b").asText())
                .isEqualTo("SAMBRE SECURITY ~ Sambre Securty SA");
        long id = pair.get("id").asLong();

        assertThat(post(Who.VIEWER, "/api/review/" + id, "{\"decision\":\"merge\"}").status()).isEqualTo(403);
        Answer merged = post(Who.ADMIN, "/api/review/" + id, "{\"decision\":\"merge\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("status").asText()).isEqualTo("MERGED");
        assertThat(kpi("startups_created", 2010)).isEqualTo(8);
        assertThat(get(Who.VIEWER, "/api/review").json()).isEmpty();
        assertThat(get(Who.VIEWER, "/api/review?status=MERGED").json()).hasSize(1);
        assertThat(post(Who.ADMIN, "/api/review/" + id, "{\"decision\":\"distinct\"}").status()).isEqualTo(409);

        // a re-import of the Namur file keeps the merge (the alias is on the start-up keys)
        long namur = jdbc.queryForObject("select id from ops.import where partner = 'namur-coworking'", Long.class);
        assertThat(post(Who.ADMIN, "/api/imports/" + namur + "/reimport", null).status()).isEqualTo(202);
        awaitNoneRunning();
        assertThat(kpi("startups_created", 2010)).isEqualTo(8);
    }

    @Test
    void mergesAreTransitive() {
        jdbc.update("insert into core.review_pair (key_a, key_b, similarity, reason) values ('NK:1:a', 'NK:1:b', 0.95, 'LOOK_ALIKE')");
        long ab = jdbc.queryForObject("select id from core.review_pair where key_a = 'NK:1:a'", Long.class);
        assertThat(post(Who.ADMIN, "/api/review/" + ab, "{\"decision\":\"merge\"}").status()).isEqualTo(200);
        jdbc.update("insert into core.review_pair (key_a, key_b, similarity, reason) values ('NK:1:b', 'NK:1:c', 0.95, 'LOOK_ALIKE')");
        long bc = jdbc.queryForObject("select id from core.review_pair where key_a = 'NK:1:b'", Long.class);
        assertThat(post(Who.ADMIN, "/api/review/" + bc, "{\"decision\":\"merge\"}").status()).isEqualTo(200);
        assertThat(jdbc.queryForList("select startup_key || '>' || canonical_key from core.startup_alias order by 1",
                String.class)).containsExactly("NK:1:a>NK:1:c", "NK:1:b>NK:1:c");
        // and merging a key already merged elsewhere goes through its canonical key
        jdbc.update("insert into core.review_pair (key_a, key_b, similarity, reason) values ('NK:1:a', 'NK:1:d', 0.95, 'LOOK_ALIKE')");
        long ad = jdbc.queryForObject("select id from core.review_pair where key_b = 'NK:1:d'", Long.class);
        assertThat(post(Who.ADMIN, "/api/review/" + ad, "{\"decision\":\"merge\"}").status()).isEqualTo(200);
        assertThat(jdbc.queryForList("select startup_key || '>' || canonical_key from core.startup_alias order by 1",
                String.class)).containsExactly("NK:1:a>NK:1:d", "NK:1:b>NK:1:d", "NK:1:c>NK:1:d");
    }

    @Test
    void hostileParametersAreAnswered4xxWithAMessage() {
        String[][] posts = {
                {"/api/imports/-5/reimport", null},
                {"/api/imports/0/reimport", null},
                {"/api/imports/99999999999999999999999/reimport", null},
                {"/api/imports/abc/reimport", null},
                {"/api/imports/1%20or%201=1/reimport", null},
                {"/api/reimports", "{"},
                {"/api/reimports", "[1,2]"},
                {"/api/reimports", "\"text\""},
                {"/api/reimports", "{}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"from\":\"2012-13-45\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"from\":\"2012/01/01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"from\":\"2012-02-30\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"from\":\"99999-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"from\":\"2012-12-31\",\"to\":\"2012-01-01\"}"},
                {"/api/reimports", "{\"source\":\"../../etc\",\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"partner\":\"../../etc/passwd\",\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"incubators\",\"partner\":\"no-such-partner\",\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":\"hr\",\"partner\":\"mons-mic\",\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/reimports", "{\"source\":{\"a\":1},\"from\":\"2012-01-01\",\"to\":\"2012-12-31\"}"},
                {"/api/pulls/nope", null},
                {"/api/pulls/..%2F..%2Fetc%2Fpasswd", null},
                {"/api/pulls/../../etc/passwd", null},
                {"/api/review/-1", "{\"decision\":\"merge\"}"},
                {"/api/review/1", "{\"decision\":\"maybe\"}"},
                {"/api/review/1", "{\"decision\":null}"},
                {"/api/review/1", "not json"},
                {"/api/review/1", null},
                {"/api/review/abc", "{\"decision\":\"merge\"}"},
        };
        for (String[] p : posts) {
            Answer a = post(Who.ADMIN, p[0], p[1]);
            assertThat(a.status()).as("POST %s %s -> %s", p[0], p[1], a.body()).isBetween(400, 499);
        }
        String[] gets = {
                "/api/kpis/nope/evidence?year=2010",
                "/api/kpis/startups_created/evidence",
                "/api/kpis/startups_created/evidence?year=abc",
                "/api/kpis/startups_created/evidence?year=99999999999",
                "/api/kpis/startups_created/evidence?year=1800",
                "/api/kpis/startups_created/evidence?year=2010&limit=-1",
                "/api/kpis/..%2F..%2Fetc/evidence?year=2010",
                "/api/imports/../../etc/passwd",
                "/api/imports/%2e%2e/%2e%2e/etc/passwd",
                "/api/imports?limit=999999999999",
                "/api/imports?source=nope",
                "/api/review?status=nope",
                "/api/pulls/runs/-1",
                "/api/pulls/runs/999",
                "/api/nightly/abc",
                "/api/nope",
        };
        for (String g : gets) {
            Answer a = get(Who.VIEWER, g);
            assertThat(a.status()).as("GET %s -> %s", g, a.body()).isBetween(400, 499);
        }
        Answer wrongMethod = send(Who.ADMIN, "DELETE", "/api/imports/1", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        Answer put = send(Who.ADMIN, "PUT", "/api/nightly", "{}");
        assertThat(put.status()).isEqualTo(405);
        // a message says what is wrong
        Answer bad = post(Who.ADMIN, "/api/reimports", "{\"source\":\"incubators\",\"from\":\"2012-13-45\",\"to\":\"2012-12-31\"}");
        assertThat(bad.json().get("error").asText()).contains("from");
        assertThat(post(Who.ADMIN, "/api/reimports", "{").json().get("error").asText()).contains("JSON");
        // checked by Bean Validation: each wrong field is named
        assertThat(post(Who.ADMIN, "/api/reimports", "{\"source\":\"nope\",\"to\":\"2012-12-31\"}").json().get("error").asText())
                .contains("source: must be one of").contains("from: is required");
        assertThat(post(Who.ADMIN, "/api/reimports", "{\"source\":\"hr\",\"from\":\"2012-12-31\",\"to\":\"2012-01-01\"}")
                .json().get("error").asText()).contains("'to' is before 'from'");
    }
}
