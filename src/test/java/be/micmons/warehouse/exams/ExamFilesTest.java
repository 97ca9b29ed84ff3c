package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Provider exports with every variant of DESIGN §5.3 and §6, dropped as an operator would. */
class ExamFilesTest extends WarehouseTest {
    static final String HEADER = "TestCenterID,RegistrationID,CandidateID,LastName,FirstName,Email,ExamCode,ExamTitle,"
            + "AppointmentDate,ExamStatus,Score,PassingScore,Result\n";
    static final String CERTIPORT_HEADER = "\uFEFFSite ID;Exam Group;Candidate ID;Candidate Name;Email;Program;Exam Code;"
            + "Exam Name;Exam Start;Score;Passing Score;Result\n";

    static final String PROMETRIC_Q1 = HEADER
            + "MIC01,R001,C001,Dupont,Jean, Jean.Dupont@Example.com ,070-480,Programming in HTML5,01/15/2011,Delivered,800,700,Pass\n"
            + "MIC01,R002,C001,Dupont,Jean,jean.dupont@example.com,EXAM 70-486,ASP.NET MVC,02/20/2011,Delivered,650,700,Fail\n"
            + "MIC01,R003,C002,Martin,Claire,claire@example.com,70480,Programming in HTML5,3/5/2011,Delivered,720,700,\n"
            + "MIC01,R004,C003,Lejeune,Paul,,72-410,Installing Windows Server 2012,03/10/2011,No Show,,,\n"
            + "MIC01,R005,C003,Lejeune,Paul,,70-410,Installing Windows Server 2012,03/12/2011,Cancelled,,,\n"
            + "MIC01,R006,C003,Lejeune,Paul,,71-410,Installing Windows Server 2012,03/25/2011,Delivered,710,700,Pass\n"
            + "MIC01,R007,C004,Noël,Anne,anne@example.com,70-480,Programming in HTML5,03/30/2011,Delivered,600,700,Pass\n"
            + "MIC01,R008,C005,Xavier,Yves,yves@example.com,70-480,Programming in HTML5,13/45/2011,Delivered,800,700,Pass\n";
    // the next quarter's export repeats the end of the previous one
    static final String PROMETRIC_Q1_Q2 = HEADER
            + "MIC01,R006,C003,Lejeune,Paul,,71-410,Installing Windows Server 2012,03/25/2011,Delivered,710,700,Pass\n"
            + "MIC01,R007,C004,Noël,Anne,anne@example.com,70-480,Programming in HTML5,03/30/2011,Delivered,600,700,Pass\n"
            + "MIC01,R009,C001,Dupont,Jean,jean.dupont@example.com,070-486,ASP.NET MVC,04/18/2011,Delivered,720,700,Pass\n"
            + "MIC01,R010,C001,Dupont,Jean,JEAN.DUPONT@EXAMPLE.COM,70-480,Programming in HTML5,05/02/2011,Delivered,900,700,Pass\n"
            + "MIC01,R011,C006,Petit,Luc,luc@example.com,70-487,Azure and Web Services,06/06/2011,Delivery Failed,,,\n";
    static final String PEARSON_2012 = HEADER
            + "MIC02,V100,P100,Dupont,Jean,jean.dupont@example.com,70-487,Azure and Web Services,01/05/2012,Delivered,790,700,Pass\n"
            + "MIC02,V101,P002,Simon,Eva,,az900,Azure Fundamentals,01/10/2012,Delivered,,,P\n"
            + "MIC02,V102,P003,Lambert,Carl,carl@example.com,73-480,Programming in HTML5,02/02/2012,Delivered,710,700,Réussi\n"
            + "MIC02,V103,P003,Lambert,Carl,carl@example.com,70-480,Programming in HTML5,06/06/2012,Delivered,500,700,Fail\n"
            + "MIC02,V104,,Nobody,Known,,70-480,Programming in HTML5,06/07/2012,Delivered,800,700,Pass\n"
            + "MIC02,V105,P105,Durand, Jr,Alain,alain@example.com,70-480,Programming in HTML5,06/08/2012,Delivered,800,700,Pass\n"
            + "MIC02,V106,P106,Status,Unknown,,70-480,Programming in HTML5,06/09/2012,alain@example.com,800,700,Pass\n"
            + "MIC02,V107,N/A,Lambert,Carl,carl@example.com,70-483,Programming in C#,06/10/2012,Delivered,800,700,Pass\n";
    static final String CERTIPORT_A = CERTIPORT_HEADER
            + "S1;G1;CP01;\"DUPONT, Jean\";jean.dupont@example.com;MOS;77-882;Excel 2010;2011-06-01 10:00:00;850;700;PASS\n"
            + "S1;G1;CP02;\"MARTIN, Claire\";;MOS;mo200;Excel 2019;2012-09-10 14:30:00;600;700;FAIL\n"
            + "S1;G1;CP02;\"MARTIN, Claire\";;MOS;MO-200;Excel 2019;2012-10-10 14:30:00;720;700;PASS\n"
            + "S1;G1;CP03;\"LEROY, Marc\";marc@example.com;MTA;98361;Software Development Fundamentals;2012-11-05 09:00:00;700;700;\n"
            + "S1;G1;CP01;\"DUPONT, Jean\";jean.dupont@example.com;MOS;77-882;Excel 2010;2011-06-01 10:00:00;850;700;PASS\n";
    static final String CERTIPORT_B = CERTIPORT_HEADER
            + "S1;G1;CP01;\"DUPONT, Jean\";jean.dupont@example.com;MOS;77-882;Excel 2010;2011-06-01 10:00:00;850;700;PASS;\n";

    @Autowired
    CertificationCatalogue catalogue;

    @BeforeEach
    void catalogue() throws Exception {
        catalogue.load();
    }

    private void dropAll() throws Exception {
        drop("exams/prometric/prometric-2011-q1.csv", PROMETRIC_Q1, StandardCharsets.UTF_8);
        awaitImports(1); // the first quarter first, so that the overlap is counted on the second file
        drop("exams/prometric/prometric-2011-q1-q2.csv", PROMETRIC_Q1_Q2, StandardCharsets.UTF_8);
        drop("exams/pearson-vue/vue-2012.csv", PEARSON_2012, StandardCharsets.UTF_8);
        drop("exams/certiport/certiport-a.csv", CERTIPORT_A, StandardCharsets.UTF_8);
        drop("exams/certiport/certiport-b.csv", CERTIPORT_B, StandardCharsets.UTF_8);
    }

    @Test
    void exportsGiveTheExamFigures() throws Exception {
        dropAll();
        List<Map<String, Object>> imports = awaitImports(5);
        assertThat(imports).extracting(m -> m.get("status")).doesNotContain("FAILED", "RUNNING");

        assertFigures();

        // titles completed per year, dated by the last pass they need
        assertThat(jdbc.queryForList("select certification_id || '@' || year || '=' || value::int"
                + " from mart.certification_title_by_year order by 1", String.class))
                .containsExactly("azure-fundamentals@2012=1", "mcsd-web-apps@2012=1", "mos-excel-2010@2011=1",
                        "mos-excel-2019@2012=1", "mta-software-development@2012=1");

        // rows read = loaded + rejected + duplicate, per file
        Map<String, Object> q1 = imports.stream().filter(i -> "prometric-2011-q1.csv".equals(i.get("file_name"))).findFirst().orElseThrow();
        assertThat(q1).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("rows_read", 8L)
                .containsEntry("rows_rejected", 1L);
        Map<String, Object> q2 = imports.stream().filter(i -> "prometric-2011-q1-q2.csv".equals(i.get("file_name"))).findFirst().orElseThrow();
        assertThat(q2).containsEntry("rows_read", 5L).containsEntry("rows_duplicate", 2L).containsEntry("rows_loaded", 3L);
        Map<String, Object> cpa = imports.stream().filter(i -> "certiport-a.csv".equals(i.get("file_name"))).findFirst().orElseThrow();
        assertThat(cpa).containsEntry("rows_duplicate", 1L);

        // problems by line: bad date rejected, contradiction and missing candidate told
        assertThat(jdbc.queryForList("""
                select i.file_name || ':' || r.line_no || ':' || r.reason_code || ':' || r.severity
                from ops.rejected_row r join ops.import i on i.id = r.import_id order by i.file_name, r.line_no""", String.class))
                .contains("prometric-2011-q1.csv:9:INVALID_DATE:ERROR",
                        "prometric-2011-q1.csv:8:RESULT_CONTRADICTS_SCORE:WARNING",
                        "vue-2012.csv:6:MISSING_CANDIDATE:ERROR", "vue-2012.csv:7:TOO_MANY_VALUES:ERROR",
                        "vue-2012.csv:8:UNKNOWN_STATUS:WARNING");

        // no plain e-mail, name or candidate id anywhere in the warehouse
        String dump = String.join("\n", jdbc.queryForList("select r::text from core.exam_record r", String.class))
                + String.join("\n", jdbc.queryForList("select i::text from ops.import i", String.class))
                + String.join("\n", jdbc.queryForList("select r::text from ops.rejected_row r", String.class))
                + String.join("\n", jdbc.queryForList("select e::text from mart.exam_evidence e", String.class));
        assertThat(dump).doesNotContainIgnoringCase("example.com").doesNotContainIgnoringCase("dupont")
                .doesNotContainIgnoringCase("durand").doesNotContainIgnoringCase("alain")
                .doesNotContain("CP01").doesNotContain("C001");

        // evidence points at the file lines of the counted sittings
        assertThat(jdbc.queryForObject("select count(*) from mart.evidence where metric = 'exams_passed' and year = 2011",
                Long.class)).isEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from mart.evidence where metric = 'exams_passed' and year = 2011"
                + " and file_name is not null and line_no > 1", Long.class)).isEqualTo(7);
    }

    private void assertFigures() {
        // 2011: 70-480 (Jean, Claire by score, Anne: result wins), 70-410 (71- beta), 70-486 (Jean), Jean's
        // second 70-480, 77-882 (Certiport, in two files) = 7 sittings; No Show, Cancelled, Fail, Delivery
        // Failed and the repeated rows do not count
        assertThat(kpi("exams_passed", 2011)).isEqualTo(7);
        assertThat(kpi("certifications_delivered", 2011)).isEqualTo(6);
        assertThat(kpi("certified_persons", 2011)).isEqualTo(4);
        // 2012: Jean's 70-487 at Pearson VUE (same e-mail: same person), az900 by "P", 73-480 "Réussi",
        // MO-200 after a fail, 98361 with score = passing score, Carl's 70-483 without a candidate id
        // (registration id and e-mail stand in; Carl was already certified this year)
        assertThat(kpi("exams_passed", 2012)).isEqualTo(6);
        assertThat(kpi("certifications_delivered", 2012)).isEqualTo(6);
        assertThat(kpi("certified_persons", 2012)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select value from mart.convention_phase_kpi"
                + " where phase = '2009-2011' and metric = 'certifications_delivered'", Long.class)).isEqualTo(6);
    }

    @Test
    void reverseArrivalOrderGivesTheSameFigures() throws Exception {
        drop("exams/certiport/certiport-b.csv", CERTIPORT_B, StandardCharsets.UTF_8);
        drop("exams/pearson-vue/vue-2012.csv", PEARSON_2012, StandardCharsets.UTF_8);
        awaitImports(2);
        drop("exams/prometric/prometric-2011-q1-q2.csv", PROMETRIC_Q1_Q2, StandardCharsets.UTF_8);
        awaitImports(3);
        drop("exams/certiport/certiport-a.csv", CERTIPORT_A, StandardCharsets.UTF_8);
        drop("exams/prometric/prometric-2011-q1.csv", PROMETRIC_Q1, StandardCharsets.UTF_8);
        awaitImports(5);
        assertFigures();
        // the same file again: DUPLICATE, nothing changes
        drop("exams/prometric/prometric-2011-q1-copy.csv", PROMETRIC_Q1, StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(6);
        assertThat(imports.get(5)).containsEntry("status", "DUPLICATE");
        assertFigures();
    }

    @Test
    void supersededImportsDropOut() throws Exception {
        drop("exams/prometric/prometric-2011-q1.csv", PROMETRIC_Q1, StandardCharsets.UTF_8);
        awaitImports(1);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(4);
        jdbc.update("update ops.import set status = 'SUPERSEDED'");
        assertThat(kpi("exams_passed", 2011)).isZero();
    }

    @Test
    void dirtierExportsAreStillRead() throws Exception {
        // saved from Excel: Windows-1252, semicolons, two-digit years, lower-case statuses, extra column
        drop("exams/prometric/excel-export.csv", HEADER.replace(',', ';').replace("\n", ";Comment\n")
                + "MIC01;R701;C701;Noël;Anne;anne@example.com;70-480;HTML5;3/14/11;delivered;800;700;Réussi;ok\n"
                + "MIC01;R702;C702;Hébert;Léon;;EXAM 070-486;MVC;12/31/12 09:00;DELIVERED;720;700;;\n", java.nio.charset.Charset.forName("windows-1252"));
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0)).containsEntry("status", "LOADED").containsEntry("rows_loaded", 2L);
        assertThat(jdbc.queryForList("select reason_code from ops.rejected_row", String.class)).containsExactly("NOT_UTF8");
        assertThat(kpi("exams_passed", 2011)).isEqualTo(1);
        assertThat(kpi("exams_passed", 2012)).isEqualTo(1);
        assertThat(jdbc.queryForList("select exam_code from core.exam_sitting order by 1", String.class))
                .containsExactly("70-480", "70-486");
    }

    @Test
    void aFileWithoutTheLayoutsColumnsGoesToFailed() throws Exception {
        drop("exams/pearson-vue/wrong.csv", "Name,Exam,When\nJean,70-480,01/01/2011\n", StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0)).containsEntry("status", "FAILED");
        assertThat((String) imports.get(0).get("message")).contains("CandidateID", "ExamCode");
        assertThat(INBOX.resolve("exams/pearson-vue/.failed/wrong.csv.errors.txt")).exists();
        assertThat(Files.exists(INBOX.resolve("exams/pearson-vue/wrong.csv"))).isFalse();
    }
}
