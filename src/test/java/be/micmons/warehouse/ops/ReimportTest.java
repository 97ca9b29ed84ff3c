package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-imports of one archived file and of a period: the old imports SUPERSEDED, the figures unchanged. */
class ReimportTest extends OpsTestBase {
    private static final Path MONS = Path.of("samples/incubators/mons-mic/boostcamp-2009-2014.csv");

    @Test
    void reimportOfOneFileSupersedesItAndKeepsTheFigures() throws Exception {
        int files = dropSamples("incubators");
        awaitImports(files);
        List<Long> before = startupFigures();
        assertThat(before).containsExactly(8L, 9L, 8L, 3L, 2L, 2L);
        Map<String, Object> mons = jdbc.queryForMap("select * from ops.import where partner = 'mons-mic'");
        long oldId = ((Number) mons.get("id")).longValue();

        Answer a = post(Who.ADMIN, "/api/imports/" + oldId + "/reimport", null);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        long newId = a.json().get("import").asLong();
        // while it runs, and after, every reading of the figures is the same
        List<List<Long>> readings = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            readings.add(startupFigures());
            return !"RUNNING".equals(importRow(newId).get("status"));
        });
        assertThat(readings).allSatisfy(r -> assertThat(r).isEqualTo(before));

        Map<String, Object> old = importRow(oldId);
        Map<String, Object> fresh = importRow(newId);
        assertThat(old.get("status")).isEqualTo("SUPERSEDED");
        assertThat(((Number) old.get("superseded_by")).longValue()).isEqualTo(newId);
        assertThat(fresh.get("status")).isEqualTo(mons.get("status"));
        assertThat(fresh.get("trigger")).isEqualTo("ADMIN");
        assertThat(fresh.get("sha256")).isEqualTo(mons.get("sha256"));
        assertThat(((Number) fresh.get("reimport_of")).longValue()).isEqualTo(oldId);
        for (String col : List.of("rows_read", "rows_loaded", "rows_rejected", "rows_duplicate")) {
            assertThat(fresh.get(col)).as(col).isEqualTo(mons.get(col));
        }
        assertThat(fresh.get("received_at")).isEqualTo(mons.get("received_at"));
        assertThat(startupFigures()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from ops.rejected_row where import_id = ?", Long.class, newId))
                .isEqualTo(jdbc.queryForObject("select count(*) from ops.rejected_row where import_id = ?", Long.class, oldId));
        assertThat(Path.of((String) fresh.get("archive_path"))).exists();

        // the same file dropped again is still a DUPLICATE, of the new import
        dropCopy(MONS, "incubators/mons-mic/again.csv");
        awaitImports(files + 2);
        Map<String, Object> dup = jdbc.queryForMap("select * from ops.import order by id desc limit 1");
        assertThat(dup.get("status")).isEqualTo("DUPLICATE");
        assertThat(((Number) dup.get("duplicate_of")).longValue()).isEqualTo(newId);
        assertThat(startupFigures()).isEqualTo(before);

        // the superseded import cannot be replayed again; its successor can
        Answer again = post(Who.ADMIN, "/api/imports/" + oldId + "/reimport", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).contains("superseded by import " + newId);
        assertThat(post(Who.ADMIN, "/api/imports/" + dup.get("id") + "/reimport", null).status()).isEqualTo(409);
        Answer third = post(Who.ADMIN, "/api/imports/" + newId + "/reimport", null);
        assertThat(third.status()).isEqualTo(202);
        awaitNoneRunning();
        assertThat(importRow(newId).get("status")).isEqualTo("SUPERSEDED");
        assertThat(startupFigures()).isEqualTo(before);
        assertThat(jdbc.queryForList("select name_a from core.review_pair where status = 'PENDING'", String.class))
                .hasSize(1);
    }

    @Test
    void reimportOfAPeriodReplaysEveryFileReceivedThenWithTheFiguresUnchanged() throws Exception {
        int files = dropSamples("incubators");
        awaitImports(files);
        List<Long> before = startupFigures();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));

        Answer none = post(Who.ADMIN, "/api/reimports",
                "{\"source\":\"incubators\",\"from\":\"2001-01-01\",\"to\":\"2001-12-31\"}");
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.json().get("imports")).isEmpty();

        Answer one = post(Who.ADMIN, "/api/reimports", "{\"source\":\"incubators\",\"partner\":\"namur-coworking\",\"from\":\""
                + today.minusDays(1) + "\",\"to\":\"" + today + "\"}");
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        assertThat(one.json().get("imports")).hasSize(1);
        awaitNoneRunning();
        assertThat(startupFigures()).isEqualTo(before);

        Answer all = post(Who.ADMIN, "/api/reimports", "{\"source\":\"incubators\",\"from\":\""
                + today + "\",\"to\":\"" + today.plusDays(1) + "\"}");
        assertThat(all.status()).as(all.body()).isEqualTo(202);
        assertThat(all.json().get("imports")).hasSize(files);
        awaitNoneRunning();

        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'SUPERSEDED'", Long.class))
                .isEqualTo(files + 1L);
        assertThat(jdbc.queryForList("select status from ops.import where trigger = 'ADMIN' and superseded_by is null",
                String.class)).hasSize(files).containsOnly("LOADED", "LOADED_WITH_REJECTS");
        assertThat(startupFigures()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select value from mart.convention_phase_kpi"
                + " where phase = '2009-2011' and metric = 'startups_created'", Long.class)).isEqualTo(25);
    }

    @Test
    void aFailedFileIsReplayedOnceItsLayoutExists() throws Exception {
        drop("incubators/newcomer/list.csv", "Nom;CP\nAlpha Tech;7000\n", java.nio.charset.StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0).get("status")).isEqualTo("FAILED");
        long failedId = ((Number) imports.get(0).get("id")).longValue();
        partnerLayout("newcomer", "id: newcomer\ncsv:\n  delimiter: \";\"\ncolumns:\n  name: [\"Nom\"]\n  postal_code: [\"CP\"]\n");
        try {
            Answer a = post(Who.ADMIN, "/api/imports/" + failedId + "/reimport", null);
            assertThat(a.status()).as(a.body()).isEqualTo(202);
            long newId = a.json().get("import").asLong();
            awaitNoneRunning();
            assertThat(importRow(newId).get("status")).isEqualTo("LOADED");
            assertThat(importRow(failedId).get("status")).isEqualTo("FAILED");
            assertThat(((Number) importRow(failedId).get("superseded_by")).longValue()).isEqualTo(newId);
            assertThat(jdbc.queryForObject("select count(*) from core.startup_record", Long.class)).isEqualTo(1);
            // content now loaded: replaying the failed one again is refused
            assertThat(post(Who.ADMIN, "/api/imports/" + failedId + "/reimport", null).status()).isEqualTo(409);
        } finally {
            java.nio.file.Files.deleteIfExists(PARTNERS.resolve("newcomer.yaml"));
        }
    }
}
