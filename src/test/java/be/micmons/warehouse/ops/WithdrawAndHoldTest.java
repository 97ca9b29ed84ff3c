package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Withdraw and hold (DESIGN §9) through the HTTP API on real drops: the figures of
 * mart.convention_kpi before and after each decision, the claim on the content (DUPLICATE while
 * held, importable again once withdrawn), and the re-import of a withdrawn file.
 */
class WithdrawAndHoldTest extends OpsTestBase {

    private long certifications(int year) {
        return kpi("certifications_delivered", year);
    }

    private Map<String, Object> awaitImport(long n) {
        List<Map<String, Object>> all = awaitImports((int) n);
        return all.get((int) n - 1);
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    @Test
    void aFileFarLargerThanAnythingBeforeIsHeldUntilApprovedAndAWithdrawnFileStopsCountingAtOnce() throws Exception {
        dropPrometricExport("prometric-2012.csv", 100, 2012);
        long first = id(awaitImport(1));
        assertThat(importRow(first).get("status")).isEqualTo("LOADED");
        assertThat(certifications(2012)).isEqualTo(100);

        // 2,000 rows after at most 100: more than 10 × 100 and at least 1,000 → HELD, loaded but not counted
        dropPrometricExport("prometric-2013-test-export.csv", 2000, 2013);
        Map<String, Object> held = awaitImport(2);
        long heldId = id(held);
        assertThat(held.get("status")).isEqualTo("HELD");
        assertThat(held.get("rows_loaded")).isEqualTo(2000L);
        assertThat(((Number) held.get("hold_ratio")).doubleValue()).isEqualTo(20.0);
        assertThat(held.get("hold_baseline_rows")).isEqualTo(100L);
        assertThat(certifications(2013)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from core.exam_record where import_id = ?", Long.class, heldId))
                .isEqualTo(2000);
        var listed = get(Who.VIEWER, "/api/imports?status=HELD").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(heldId);
        assertThat(listed.get(0).get("status_reason").asText()).contains("20.0 times more");

        // the same content dropped again while held: a DUPLICATE of the held import
        Path again = INBOX.resolve("exams/prometric/again.csv");
        dropPrometricExport("again.csv", 2000, 2013);
        Map<String, Object> dup = awaitImport(3);
        assertThat(dup.get("status")).isEqualTo("DUPLICATE");
        assertThat(dup.get("duplicate_of")).isEqualTo(heldId);
        awaitGone(again);

        // approve: VIEWER 403, a LOADED import 409, the HELD one counts from the answer on
        assertThat(post(Who.VIEWER, "/api/imports/" + heldId + "/approve", null).status()).isEqualTo(403);
        assertThat(post(Who.NOBODY, "/api/imports/" + heldId + "/approve", null).status()).isEqualTo(401);
        assertThat(post(Who.ADMIN, "/api/imports/" + first + "/approve", null).status()).isEqualTo(409);
        assertThat(post(Who.ADMIN, "/api/imports/999999/approve", null).status()).isEqualTo(404);
        var approved = post(Who.ADMIN, "/api/imports/" + heldId + "/approve", null);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("LOADED");
        assertThat(certifications(2013)).isEqualTo(1900); // 100 of the 2,000 candidates passed 70-480 in 2012
        assertThat(post(Who.ADMIN, "/api/imports/" + heldId + "/approve", null).status()).isEqualTo(409);

        // withdraw: a reason is required; the 2012 file stops counting at once, its candidates' first pass moves to 2013
        assertThat(post(Who.ADMIN, "/api/imports/" + first + "/withdraw", "{}").status()).isEqualTo(400);
        assertThat(post(Who.ADMIN, "/api/imports/" + first + "/withdraw", null).status()).isEqualTo(400);
        assertThat(post(Who.VIEWER, "/api/imports/" + first + "/withdraw", "{\"reason\":\"x\"}").status()).isEqualTo(403);
        var withdrawn = post(Who.ADMIN, "/api/imports/" + first + "/withdraw", "{\"reason\":\"wrong centre\"}");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(certifications(2012)).isZero();
        assertThat(certifications(2013)).isEqualTo(2000);
        Map<String, Object> row = importRow(first);
        assertThat(row.get("status_reason")).isEqualTo("wrong centre");
        assertThat(row.get("status_changed_at")).isNotNull();
        assertThat(Files.isRegularFile(Path.of((String) row.get("archive_path")))).as("the file stays archived").isTrue();
        assertThat(post(Who.ADMIN, "/api/imports/" + first + "/withdraw", "{\"reason\":\"again\"}").status())
                .isEqualTo(409);
        assertThat(post(Who.ADMIN, "/api/imports/" + dup.get("id") + "/withdraw", "{\"reason\":\"dup\"}").status())
                .isEqualTo(409);

        // the withdrawn file re-imported from the archive by an admin: not held (an admin's replay), counts again
        var replay = post(Who.ADMIN, "/api/imports/" + first + "/reimport", null);
        assertThat(replay.status()).isEqualTo(202);
        long replayId = replay.json().get("import").asLong();
        awaitNoneRunning();
        assertThat(importRow(replayId).get("status")).isEqualTo("LOADED");
        assertThat(importRow(first).get("status")).as("stays withdrawn, names its replay").isEqualTo("WITHDRAWN");
        assertThat(importRow(first).get("superseded_by")).isEqualTo(replayId);
        assertThat(certifications(2012)).isEqualTo(100);
        assertThat(certifications(2013)).isEqualTo(1900);
        assertThat(post(Who.ADMIN, "/api/imports/" + first + "/reimport", null).status()).isEqualTo(409);
    }

    @Test
    void aWithdrawnFileDroppedAgainIsImportedAgainAndTheFirstFileOfASourceIsNeverHeld() throws Exception {
        // the first import of prometric is never held, however large
        dropPrometricExport("prometric-2012-big.csv", 3000, 2012);
        Map<String, Object> big = awaitImport(1);
        assertThat(big.get("status")).isEqualTo("LOADED");
        assertThat(certifications(2012)).isEqualTo(3000);

        // withdrawn, the same content dropped again is a new import (not a DUPLICATE) and counts again
        assertThat(post(Who.ADMIN, "/api/imports/" + id(big) + "/withdraw", "{\"reason\":\"test export\"}").status())
                .isEqualTo(200);
        assertThat(certifications(2012)).isZero();
        dropPrometricExport("prometric-2012-big-again.csv", 3000, 2012);
        Map<String, Object> again = awaitImport(2);
        assertThat(again.get("status")).as("nothing live to compare with: not held").isEqualTo("LOADED");
        assertThat(again.get("sha256")).isEqualTo(big.get("sha256"));
        assertThat(certifications(2012)).isEqualTo(3000);

        // a HELD file can be withdrawn without ever counting; a re-import of a HELD file is refused
        dropPrometricExport("prometric-2013-small.csv", 50, 2013);
        awaitImport(3);
        dropPrometricExport("prometric-2014-huge.csv", 1001, 2014);
        Map<String, Object> huge = awaitImport(4);
        assertThat(huge.get("status")).as("1,001 > 10 × 50 but under 10 × 3,000: largest earlier counts")
                .isEqualTo("LOADED");
        assertThat(post(Who.ADMIN, "/api/imports/" + id(again) + "/withdraw", "{\"reason\":\"x\"}").status()).isEqualTo(200);
        long before2014 = certifications(2014);
        // largest earlier live import now 1,001 rows: 11,000 rows is more than 10 ×
        dropPrometricExport("prometric-2014-huger.csv", 11_000, 2014);
        Map<String, Object> held = awaitImport(5);
        assertThat(held.get("status")).isEqualTo("HELD");
        assertThat(certifications(2014)).isEqualTo(before2014);
        assertThat(post(Who.ADMIN, "/api/imports/" + id(held) + "/reimport", null).status()).isEqualTo(409);
        assertThat(post(Who.ADMIN, "/api/imports/" + id(held) + "/withdraw", "{\"reason\":\"implausible\"}").json()
                .get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(certifications(2014)).isEqualTo(before2014);
    }
}
