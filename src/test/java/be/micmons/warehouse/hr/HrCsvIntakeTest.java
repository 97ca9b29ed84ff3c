package be.micmons.warehouse.hr;

import static be.micmons.warehouse.hr.HrFixtures.cancel;
import static be.micmons.warehouse.hr.HrFixtures.csv;
import static be.micmons.warehouse.hr.HrFixtures.in;
import static be.micmons.warehouse.hr.HrFixtures.invalid;
import static be.micmons.warehouse.hr.HrFixtures.niss;
import static be.micmons.warehouse.hr.HrFixtures.niss2000;
import static be.micmons.warehouse.hr.HrFixtures.out;
import static be.micmons.warehouse.hr.HrFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.hr.HrFixtures.Decl;
import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HR CSV drops into inbox/hr/: event semantics whatever the arrival order, validation, jobs and FTE per year. */
class HrCsvIntakeTest extends WarehouseTest {
    static final String A = "0825.817.616";      // Digital Wallonia Lab, a start-up
    static final String B = "1078 255 463";      // Hainaut Cloud Services, a start-up
    static final String UNKNOWN = "0403.019.261"; // valid, but no start-up of the warehouse
    static final String BAD_EN = "0403.019.262";  // fails the mod-97 check

    static final String W1 = niss("850730", 33);
    static final String W2 = niss("790214", 121);
    static final String W3 = niss("900101", 7);
    static final String W4 = niss("681225", 250);
    static final String W5 = niss2000("040512", 88); // a student born in 2004
    static final String W6 = niss("770707", 401);
    static final String W7 = niss("820315", 12);
    static final String W8 = niss("880808", 808);

    /** Arrives first: UPDATE, CANCEL and OUT before their IN, and a row with an invalid NISS. */
    static final List<Decl> FIRST = List.of(
            update("D-2", A, W2, "CDI", "0.5", "2010-03-01", "2010-03-10T09:00:00+01:00"),
            cancel("D-3", "2010-05-01T10:00:00+02:00"),
            out("D-4", "2011-06-30", "2011-06-30T17:00:00+02:00"),
            in("D-9", A, invalid(W8), "CDI", "1", "2010-01-04", "2010-01-02T08:00:00+01:00"),
            update("D-12", A, W8, "CDI", "1", "2012-02-01", "2012-02-10T08:00:00+01:00"));

    /** Arrives second: the INs, a CDD then CDI, a student, unknown and invalid employers, a CANCEL before its IN. */
    static final List<Decl> SECOND = List.of(
            in("D-1", A, W1, "CDD", "1", "2009-06-01", "2009-05-20T10:00:00+02:00"),
            in("D-5", A, W1, "CDI", "0.8", "2009-12-01", "2009-11-20T10:00:00+01:00"),
            in("D-2", A, W2, "CDD", "1", "2009-12-15", "2009-12-01T10:00:00+01:00"),
            in("D-3", A, W3, "CDI", "1", "2010-04-01", "2010-04-01T10:00:00+02:00"),
            in("D-4", B, W4, "CDD", "1", "2011-01-03", "2011-01-01T10:00:00+01:00"),
            in("D-6", A, W5, "STUDENT", "0.2", "2010-07-01", "2010-06-20T10:00:00+02:00"),
            in("D-7", UNKNOWN, W6, "CDI", "1", "2010-09-01", "2010-08-20T10:00:00+02:00"),
            in("D-8", BAD_EN, W6, "CDI", "1", "2011-02-01", "2011-01-20T10:00:00+01:00"),
            cancel("D-11", "2009-01-01T10:00:00+01:00"),
            in("D-11", B, W7, "CDI", "1", "2009-03-01", "2009-02-01T10:00:00+01:00"),
            in("D-12", UNKNOWN, W8, "CDI", "1", "2012-01-15", "2012-01-05T10:00:00+01:00"));

    static void startups() throws IOException {
        drop("incubators/mons-mic/startups.csv", HrFixtures.startups(
                "Digital Wallonia Lab;" + A + ";12/03/2009", "Hainaut Cloud Services;" + B + ";02/06/2009"),
                StandardCharsets.UTF_8);
    }

    BigDecimal fte(int year) {
        return jdbc.queryForObject("select value from mart.convention_kpi where metric = 'jobs_created_fte' and year = ?",
                BigDecimal.class, year);
    }

    @Test
    void outOfOrderEventsGiveTheJobsOfThePinnedRules() throws IOException {
        startups();
        awaitImports(1);
        drop("hr/first.csv", csv(FIRST), StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(2);
        assertThat(imports.get(1)).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("source", "hr")
                .containsEntry("partner", null).containsEntry("rows_read", 5L).containsEntry("rows_loaded", 4L)
                .containsEntry("rows_rejected", 1L);
        // none took effect: each waits for its IN
        assertThat(jdbc.queryForList("select declaration_id || ':' || action from core.hr_orphan_event order by 1", String.class))
                .containsExactly("D-12:UPDATE", "D-2:UPDATE", "D-3:CANCEL", "D-4:OUT");
        assertThat(kpi("jobs_created", 2010)).isZero();

        drop("hr/second.csv", csv(SECOND), StandardCharsets.UTF_8);
        imports = awaitImports(3);
        assertThat(imports.get(2)).containsEntry("status", "LOADED").containsEntry("rows_loaded", 11L);

        // 2009: W1 at A (first contract the CDD, FTE 1) and W7 at B (the CANCEL came before its IN)
        assertThat(kpi("jobs_created", 2009)).isEqualTo(2);
        assertThat(fte(2009)).isEqualByComparingTo("2");
        // 2010: W2 at A, moved by its UPDATE to a CDI from March at 0.5; W3 cancelled; the student ignored
        assertThat(kpi("jobs_created", 2010)).isEqualTo(1);
        assertThat(fte(2010)).isEqualByComparingTo("0.5");
        // 2011: W4 at B, still counted after its OUT
        assertThat(kpi("jobs_created", 2011)).isEqualTo(1);
        assertThat(fte(2011)).isEqualByComparingTo("1");
        // 2012: W8's UPDATE moved the job from an unknown employer to A
        assertThat(kpi("jobs_created", 2012)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select value from mart.convention_phase_kpi where phase = '2009-2011'"
                + " and metric = 'jobs_created'", Long.class)).isEqualTo(4);

        assertThat(jdbc.queryForList("select declaration_id || ':' || action from core.hr_orphan_event", String.class))
                .containsExactly("D-11:CANCEL");
        assertThat(jdbc.queryForObject("select end_date::text from core.hr_contract where declaration_id = 'D-4'",
                String.class)).isEqualTo("2011-06-30");
        assertThat(jdbc.queryForObject("select contracts from core.hr_job where first_declaration_id = 'D-1'", Long.class))
                .isEqualTo(2);

        // unknown and invalid employers: kept, visible, not counted
        assertThat(jdbc.queryForList("select first_declaration_id || ':' || reason || ':' || year from mart.unattributed_job"
                + " order by 1", String.class))
                .containsExactly("D-7:UNKNOWN_STARTUP:2010", "D-8:INVALID_ENTERPRISE_NUMBER:2011");

        // rejects and warnings by line
        assertThat(jdbc.queryForList("""
                select i.file_name || '@' || r.line_no || ':' || r.field || ':' || r.reason_code || ':' || r.severity
                from ops.rejected_row r join ops.import i on i.id = r.import_id order by i.id, r.line_no""", String.class))
                .containsExactly("first.csv@5:worker_niss:INVALID_NISS:ERROR",
                        "second.csv@9:employer_enterprise_number:INVALID_ENTERPRISE_NUMBER:WARNING");

        // evidence: file and line of each counted job's first contract, never a NISS
        assertThat(jdbc.queryForList("select file_name || '@' || line_no from mart.evidence"
                + " where metric = 'jobs_created' and year = 2010", String.class)).containsExactly("first.csv@2");
        assertThat(jdbc.queryForList("select file_name || '@' || line_no from mart.evidence"
                + " where metric = 'jobs_created' and year = 2009 order by 1", String.class))
                .containsExactly("second.csv@11", "second.csv@2");
        assertNoPlainNiss(W1, W2, W3, W4, W5, W6, W7, W8, invalid(W8));
    }

    @Test
    void theSameRowsInAnotherFileChangeNothing() throws IOException {
        startups();
        awaitImports(1);
        drop("hr/first.csv", csv(FIRST), StandardCharsets.UTF_8);
        drop("hr/second.csv", csv(SECOND), StandardCharsets.UTF_8);
        awaitImports(3);
        List<Map<String, Object>> before = jdbc.queryForList("select * from mart.job_metric_by_year order by metric, year");
        assertThat(before).isNotEmpty();

        List<Decl> all = new ArrayList<>(SECOND);
        all.addAll(FIRST);
        Collections.reverse(all);
        drop("hr/everything-again.csv", csv(all), StandardCharsets.UTF_8);
        drop("hr/first-copy.csv", csv(FIRST), StandardCharsets.UTF_8); // same bytes as first.csv
        awaitImports(5);
        assertThat(byName("everything-again.csv"))
                .containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("rows_read", 16L)
                .containsEntry("rows_loaded", 0L).containsEntry("rows_duplicate", 15L).containsEntry("rows_rejected", 1L);
        assertThat(byName("first-copy.csv")).containsEntry("status", "DUPLICATE");
        assertThat(jdbc.queryForList("select * from mart.job_metric_by_year order by metric, year")).isEqualTo(before);
    }

    @Test
    void jobsCountOnceTheirEmployerArrivesAsAStartUpWhateverTheOrder() throws IOException {
        drop("hr/second.csv", csv(SECOND), StandardCharsets.UTF_8);
        awaitImports(1);
        assertThat(kpi("jobs_created", 2009)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from mart.unattributed_job where reason = 'UNKNOWN_STARTUP'",
                Long.class)).isEqualTo(7); // W1, W2, W3 at A; W4, W7 at B; W6 and W8 at the unknown employer

        startups();
        awaitImports(2);
        assertThat(kpi("jobs_created", 2009)).isEqualTo(3);
        assertThat(kpi("jobs_created", 2010)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from mart.unattributed_job where reason = 'UNKNOWN_STARTUP'",
                Long.class)).isEqualTo(2); // D-7 and D-12, both at 0403.019.261
    }

    @Test
    void jobsOfASupersededImportDropOut() throws IOException {
        startups();
        awaitImports(1);
        drop("hr/second.csv", csv(SECOND), StandardCharsets.UTF_8);
        long hr = (Long) awaitImports(2).get(1).get("id");
        assertThat(kpi("jobs_created", 2009)).isEqualTo(3); // W1, W7, W2 (whose UPDATE is not there)
        jdbc.update("update ops.import set status = 'SUPERSEDED' where id = ?", hr);
        assertThat(kpi("jobs_created", 2009)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from mart.unattributed_job", Long.class)).isZero();
    }

    @Test
    void aFileWithoutTheRequiredColumnsGoesToFailed() throws IOException {
        drop("hr/wrong.csv", "declaration_id,action,worker_niss\nD-1,IN,85.07.30-033.61\n", StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0)).containsEntry("status", "FAILED");
        assertThat((String) imports.get(0).get("message")).contains("declared_at").contains("';'");
        assertThat(INBOX.resolve("hr/.failed/wrong.csv")).exists();
        assertThat(Files.readString(INBOX.resolve("hr/.failed/wrong.csv.errors.txt"))).contains("declared_at");
    }

    @Test
    void badRowsAreRejectedWithTheirReason() throws IOException {
        String w = niss("850730", 33);
        drop("hr/bad.csv", HrFixtures.HEADER + "\n"
                + "D-1;HIRE;" + A + ";X;" + w + ";CDI;1;01/02/2010;;Dev;2010-01-01T10:00:00+01:00\n"
                + "D-2;IN;" + A + ";X;" + w + ";PERMANENT;1;01/02/2010;;Dev;2010-01-01T10:00:00+01:00\n"
                + "D-3;IN;" + A + ";X;" + w + ";CDI;1;31/02/2010;;Dev;2010-01-01T10:00:00+01:00\n"
                + "D-4;IN;" + A + ";X;" + w + ";CDI;1;01/02/2010;;Dev;yesterday\n"
                + "D-5;IN;" + A + ";X;;CDI;1;01/02/2010;;Dev;2010-01-01T10:00:00+01:00\n"
                + "D-6;IN;" + A + ";X;" + w + ";CDI;un;01/02/2010;;Dev;2010-01-01T10:00:00+01:00\n"
                + "D-7;IN;" + A + ";X;" + w + ";CDI;0,75;01/02/2010;;Dev;2010-01-01 10:00:00\n"
                + "D-8;IN;" + A + ";X;" + w + ";CDD;1,2;01/02/2010;31/01/2010;Dev;2010-01-01T10:00:00Z\n"
                + "D-9;IN;" + A + ";X;" + w + ";CDD;-1;01/02/2010;31/01/2010;Dev;2010-01-01T10:00:00Z\n", StandardCharsets.UTF_8);
        Map<String, Object> i = awaitImports(1).get(0);
        assertThat(i).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("rows_read", 9L)
                .containsEntry("rows_loaded", 2L).containsEntry("rows_rejected", 7L);
        // a rejected row gets its errors only, a loaded row its warnings
        assertThat(jdbc.queryForList("select line_no || ':' || reason_code || ':' || severity from ops.rejected_row"
                + " order by line_no, reason_code", String.class))
                .containsExactly("2:INVALID_ACTION:ERROR", "3:INVALID_CONTRACT_TYPE:ERROR", "4:INVALID_START_DATE:ERROR",
                        "5:INVALID_DECLARED_AT:ERROR", "6:MISSING_NISS:ERROR", "7:INVALID_FTE:ERROR",
                        "9:END_BEFORE_START:WARNING", "9:FTE_ABOVE_ONE:WARNING", "10:INVALID_FTE:ERROR");
        // a time without offset is Brussels time; the FTE's decimal comma
        assertThat(jdbc.queryForObject("select declared_at = '2010-01-01T09:00:00Z'::timestamptz and fte = 0.75"
                + " from core.hr_event where declaration_id = 'D-7'", Boolean.class)).isTrue();
    }

    Map<String, Object> byName(String fileName) {
        return jdbc.queryForMap("select * from ops.import where file_name = ?", fileName);
    }

    void assertNoPlainNiss(String... nisses) {
        for (String n : nisses) {
            String digits = n.replaceAll("\\D", "");
            assertThat(jdbc.queryForObject("select count(*) from core.hr_event e where e::text like ?",
                    Long.class, "%" + digits + "%")).as("NISS in core.hr_event").isZero();
            assertThat(jdbc.queryForObject("select count(*) from ops.rejected_row r where r::text like ? or r::text like ?",
                    Long.class, "%" + digits + "%", "%" + n + "%")).as("NISS in ops.rejected_row").isZero();
        }
    }
}
