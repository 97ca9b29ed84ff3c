package be.micmons.warehouse.incubators;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped samples of the five partner sites, dropped as an operator would, give the expected figures. */
class SamplesIntakeTest extends WarehouseTest {

    @Test
    void samplesGiveTheStartupFigures() throws IOException {
        int files = dropSamples("incubators");
        List<Map<String, Object>> imports = awaitImports(files);

        assertThat(imports).extracting(m -> m.get("status"))
                .containsOnly("LOADED", "LOADED_WITH_REJECTS")
                .contains("LOADED_WITH_REJECTS");
        // 30 companies, one with an invalid number kept apart, one look-alike counted until merged
        assertThat(kpi("startups_created", 2009)).isEqualTo(8);
        assertThat(kpi("startups_created", 2010)).isEqualTo(9);
        assertThat(kpi("startups_created", 2011)).isEqualTo(8);
        assertThat(kpi("startups_created", 2012)).isEqualTo(3);
        assertThat(kpi("startups_created", 2013)).isEqualTo(2);
        assertThat(kpi("startups_created", 2014)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select value from mart.convention_phase_kpi"
                + " where phase = '2009-2011' and metric = 'startups_created'", Long.class)).isEqualTo(25);
        assertThat(jdbc.queryForObject("select target from mart.convention_phase_kpi"
                + " where phase = '2009-2011' and metric = 'startups_created'", Long.class)).isEqualTo(25);
        assertThat(jdbc.queryForObject("select target from mart.convention_kpi"
                + " where year = 2013 and metric = 'jobs_created'", Long.class)).isEqualTo(100);

        // the Mons file's problems, by line and field
        List<Map<String, Object>> rejects = jdbc.queryForList("""
                select r.line_no, r.field, r.reason_code, r.severity from ops.rejected_row r
                join ops.import i on i.id = r.import_id where i.partner = 'mons-mic' order by r.line_no""");
        assertThat(rejects).extracting(m -> m.get("reason_code") + "@" + m.get("line_no") + ":" + m.get("severity"))
                .containsExactly("MISSING_NAME@14:ERROR", "INVALID_ENTERPRISE_NUMBER@15:WARNING");

        // the Namur look-alike waits for an admin
        assertThat(jdbc.queryForList("select name_a || ' ~ ' || name_b from core.review_pair where status = 'PENDING'",
                String.class)).containsExactly("SAMBRE SECURITY ~ Sambre Securty SA");

        // files left the inbox for the archive
        try (Stream<Path> left = Files.walk(INBOX.resolve("incubators"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        for (Map<String, Object> i : imports) {
            assertThat(Path.of((String) i.get("archive_path"))).exists();
        }
    }
}
