package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The shipped HR sample, after the partner samples, gives the jobs of the quick start. */
class HrSamplesTest extends WarehouseTest {

    BigDecimal fte(int year) {
        return jdbc.queryForObject("select value from mart.convention_kpi where metric = 'jobs_created_fte' and year = ?",
                BigDecimal.class, year);
    }

    @Test
    void sampleDeclarationsGiveTheJobFigures() throws IOException {
        loadSamples("hr", "incubators");

        assertThat(kpi("jobs_created", 2009)).isEqualTo(4);   // a CDD then CDI counted once, a student ignored
        assertThat(fte(2009)).isEqualByComparingTo("3.3");
        assertThat(kpi("jobs_created", 2010)).isEqualTo(2);   // a cancelled hire, an interim ignored
        assertThat(fte(2010)).isEqualByComparingTo("2");
        assertThat(kpi("jobs_created", 2011)).isEqualTo(3);   // an UPDATE moved a start into 2011, another the FTE
        assertThat(fte(2011)).isEqualByComparingTo("2.6");
        assertThat(kpi("jobs_created", 2012)).isEqualTo(2);   // a returning worker is not a new job
        assertThat(fte(2012)).isEqualByComparingTo("2");
        assertThat(jdbc.queryForList("select first_declaration_id || ':' || reason from mart.unattributed_job", String.class))
                .containsExactly("H-0006:UNKNOWN_STARTUP");
        assertThat(jdbc.queryForList("""
                select r.line_no || ':' || r.reason_code from ops.rejected_row r
                join ops.import i on i.id = r.import_id where i.source = 'hr'""", String.class))
                .containsExactly("17:INVALID_NISS");
        // on 31/12/2010: W01, W02 at DWL, W03 at HCS (W08 left in July by an OUT), W05 at MED, W07 at CIT
        assertThat(jdbc.queryForObject("select headcount from mart.hr_headcount_by_year where year = 2010", Long.class))
                .isEqualTo(5);
    }
}
