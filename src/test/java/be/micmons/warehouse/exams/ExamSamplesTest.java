package be.micmons.warehouse.exams;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped exam samples (samples/exams: six years of Prometric half-year exports overlapping by a
 * few rows, Pearson VUE two-year exports, Certiport yearly exports; every code and result variant)
 * give the figures computed independently from the pinned rules when the samples were generated.
 */
class ExamSamplesTest extends WarehouseTest {

    @Test
    void samplesGiveTheExamFigures() throws IOException {
        List<Map<String, Object>> imports = awaitImports(dropSamples("exams"));
        assertThat(imports).extracting(m -> m.get("status")).containsOnly("LOADED", "LOADED_WITH_REJECTS");
        assertThat(imports).filteredOn(m -> "LOADED_WITH_REJECTS".equals(m.get("status")))
                .extracting(m -> m.get("file_name")).containsExactlyInAnyOrder("prometric-2010-H2.csv", "pearson-vue-2013-2014.csv");
        assertThat(imports).extracting(m -> ((Number) m.get("rows_read")).longValue()).allSatisfy(r -> assertThat(r).isPositive());
        assertThat(jdbc.queryForObject("select sum(rows_read - rows_loaded - rows_rejected - rows_duplicate) from ops.import",
                Long.class)).isZero();
        assertThat(kpi("exams_passed", 2009)).isEqualTo(27);
        assertThat(kpi("certifications_delivered", 2009)).isEqualTo(27);
        assertThat(kpi("certified_persons", 2009)).isEqualTo(24);
        assertThat(kpi("exams_passed", 2010)).isEqualTo(26);
        assertThat(kpi("certifications_delivered", 2010)).isEqualTo(26);
        assertThat(kpi("certified_persons", 2010)).isEqualTo(14);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(25);
        assertThat(kpi("certifications_delivered", 2011)).isEqualTo(25);
        assertThat(kpi("certified_persons", 2011)).isEqualTo(13);
        assertThat(kpi("exams_passed", 2012)).isEqualTo(28);
        assertThat(kpi("certifications_delivered", 2012)).isEqualTo(24);
        assertThat(kpi("certified_persons", 2012)).isEqualTo(6);
        assertThat(kpi("exams_passed", 2013)).isEqualTo(26);
        assertThat(kpi("certifications_delivered", 2013)).isEqualTo(24);
        assertThat(kpi("certified_persons", 2013)).isEqualTo(2);
        assertThat(kpi("exams_passed", 2014)).isEqualTo(23);
        assertThat(kpi("certifications_delivered", 2014)).isEqualTo(19);
        assertThat(kpi("certified_persons", 2014)).isEqualTo(3);
    }
}
