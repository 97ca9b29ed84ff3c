package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.TestCentre;
import be.micmons.warehouse.support.WarehouseTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incremental pull of the test-centre database: a second database {@code testcentre} on the
 * embedded PostgreSQL, seeded, pulled, updated later and pulled again, next to provider exports.
 */
class ExamDbPullTest extends WarehouseTest {
    @Autowired
    ExamDbPull pull;

    private TestCentre testCentre;
    private JdbcTemplate centre;

    @BeforeEach
    void testCentre() throws Exception {
        testCentre = TestCentre.create(jdbc, "testcentre");
        centre = testCentre.jdbc();
        centre.update("""
                insert into exam_result values
                (1, 'prometric', 'R001', 'C001', 'Dupont', 'Jean', 'jean.dupont@example.com', '70-480', '2011-01-15',
                    'Delivered', 800, 700, 'Pass', '2011-01-16 10:00:00+01'),
                (2, 'prometric', 'R002', 'C001', 'Dupont', 'Jean', 'jean.dupont@example.com', '70-486', '2011-02-20',
                    'Delivered', 650, 700, 'Fail', '2011-02-21 10:00:00+01'),
                (3, 'certiport', null, 'CP09', 'Leclercq', 'Ines', null, '77-881', '2010-05-05',
                    'Delivered', 800, 700, 'PASS', '2010-05-06 10:00:00+02'),
                (4, 'Pearson VUE', 'V900', 'P900', 'Bernard', 'Zoe', 'zoe@example.com', '70-410', '2012-03-03',
                    'Delivered', 500, 700, 'Fail', '2012-03-04 10:00:00+01'),
                (5, 'prometric', null, 'C777', 'Lemaire', 'Hugo', null, 'EXAM 070-411', '2010-12-31',
                    'No Show', null, null, null, '2011-01-03 10:00:00+01'),
                (9, 'prometric', 'R999', 'C999', 'Bad', 'Row', null, '70-480', null,
                    'Delivered', 800, 700, 'Pass', '2011-01-03 10:00:00+01')""");
        // the pull reads the test centre of this test (mic.exam-db.* are unset in the shared test context)
        pull.overrideSettings(testCentre.settings(2));
    }

    @AfterEach
    void configuredAgain() {
        pull.overrideSettings(null);
        testCentre.close();
    }

    private Map<String, Object> pullOnce() throws Exception {
        List<Long> ids = pull.pull("ADMIN");
        assertThat(ids).hasSize(1);
        return jdbc.queryForMap("select * from ops.import where id = ?", ids.get(0));
    }

    @Test
    void incrementalPullWithLaterUpdates() throws Exception {
        assertThat(pull.enabled()).isTrue();
        Map<String, Object> first = pullOnce();
        assertThat(first).containsEntry("source", "exams").containsEntry("partner", "exam-db")
                .containsEntry("trigger", "ADMIN").containsEntry("status", "LOADED_WITH_REJECTS")
                .containsEntry("rows_read", 6L).containsEntry("rows_loaded", 5L).containsEntry("rows_rejected", 1L);
        assertThat((String) first.get("file_name")).contains("exam_result", "testcentre", "from the start", "6 rows");
        // line_no is the row's position in the pull (by updated_at, id: rows 3, 5, 9, 1, 2, 4): row 9 is third
        assertThat(jdbc.queryForList("select line_no || ':' || reason_code from ops.rejected_row", String.class))
                .containsExactly("3:MISSING_DATE");
        assertThat(kpi("exams_passed", 2010)).isEqualTo(1);   // row 3 (Certiport)
        assertThat(kpi("exams_passed", 2011)).isEqualTo(1);   // row 1; row 2 failed
        assertThat(kpi("exams_passed", 2012)).isZero();       // row 4 failed

        // exports: the database's version wins over the file's (row 2 Fail, row 5 No Show without a
        // registration id matches the export's R555 by candidate, normalized code and date)
        drop("exams/prometric/q.csv", ExamFilesTest.HEADER
                + "MIC01,R002,C001,Dupont,Jean,jean.dupont@example.com,70-486,ASP.NET MVC,02/20/2011,Delivered,720,700,Pass\n"
                + "MIC01,R555,C777,Lemaire,Hugo,,70-411,Configuring Windows Server,12/31/2010,Delivered,750,700,Pass\n"
                + "MIC01,R600,C600,Roux,Lea,,70-412,Advanced Windows Server,06/06/2011,Delivered,800,700,Pass\n",
                StandardCharsets.UTF_8);
        awaitImports(2);
        // a Certiport export (no registration id) of row 3's sitting says FAIL: the database's PASS wins
        drop("exams/certiport/c.csv", ExamFilesTest.CERTIPORT_HEADER
                + "S1;G1;cp09 ;\"LECLERCQ, Ines\";;MOS;77881;Word 2010;2010-05-05 09:00:00;600;700;FAIL\n",
                StandardCharsets.UTF_8);
        awaitImports(3);
        assertThat(jdbc.queryForObject("select count(*) from core.exam_sitting where provider = 'certiport'", Long.class))
                .isEqualTo(1);
        assertThat(kpi("exams_passed", 2010)).isEqualTo(1);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(2);   // + R600

        // nothing new: a pull run is recorded and changes nothing
        long records = jdbc.queryForObject("select count(*) from core.exam_record", Long.class);
        Map<String, Object> second = pullOnce();
        assertThat(second).containsEntry("status", "LOADED").containsEntry("rows_read", 0L);
        assertThat((String) second.get("file_name")).contains("nothing new");
        assertThat(jdbc.queryForObject("select count(*) from core.exam_record", Long.class)).isEqualTo(records);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(2);

        // later: row 2 is corrected from Fail to Pass, a new row arrives, and another new row carries an
        // updated_at older than the cursor (back-dated entry): its new id brings it in
        centre.update("update exam_result set result = 'Pass', score = 720, updated_at = now() where id = 2");
        centre.update("""
                insert into exam_result values (6, 'certiport', null, 'CP09', 'Leclercq', 'Ines', null, 'MO200', '2011-07-07',
                    'Delivered', 900, 700, 'PASS', now())""");
        centre.update("""
                insert into exam_result values (10, 'prometric', 'R700', 'C700', 'Morel', 'Tom', 'tom@example.com', '70480',
                    '2011-03-01', 'Delivered', 800, 700, 'Pass', '2011-03-02 10:00:00+01')""");
        Map<String, Object> third = pullOnce();
        assertThat(third).containsEntry("rows_read", 3L).containsEntry("rows_loaded", 3L);
        assertThat(kpi("exams_passed", 2010)).isEqualTo(1);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(5);            // rows 1, 2, 6, 10 and R600
        assertThat(kpi("certifications_delivered", 2011)).isEqualTo(5);
        assertThat(kpi("certified_persons", 2010)).isEqualTo(1);       // CP09's first pass is in 2010
        assertThat(kpi("certified_persons", 2011)).isEqualTo(3);       // Jean, C600 and Tom
        assertThat(pullOnce()).containsEntry("rows_read", 0L);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(5);
        // the old version of row 2 is kept for lineage, only the latest counts
        assertThat(jdbc.queryForObject("select count(*) from core.exam_record where db_id = 2", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from core.exam_record_current where db_id = 2", Long.class)).isEqualTo(1);

        // a row touched without a change (updated_at only) comes again and repeats its current version
        centre.update("update exam_result set updated_at = now() where id = 6");
        Map<String, Object> touched = pullOnce();
        assertThat(touched).containsEntry("rows_read", 1L).containsEntry("rows_duplicate", 1L)
                .containsEntry("rows_loaded", 0L);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(5);
    }

    @Test
    void unreachableDatabaseGivesAFailedPullAndTheNextOneStartsAgain() throws Exception {
        pull.overrideSettings(new ExamDbProperties("jdbc:postgresql://127.0.0.1:1/nowhere", "x", "y", "exam_result", 100));
        Map<String, Object> failed = pullOnce();
        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("message")).contains("failed");
        assertThat(jdbc.queryForObject("select count(*) from ops.exam_db_cursor", Long.class)).isZero();
    }
}
