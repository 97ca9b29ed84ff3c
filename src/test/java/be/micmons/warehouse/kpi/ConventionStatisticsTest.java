package be.micmons.warehouse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The convention's few rows (metrics, phases, targets) are joined by every KPI read. Autovacuum
 * never analyzes tables that small, and without statistics the planner took each for hundreds of
 * rows: the reads built hash tables for 850,000 rows through temp files. The start analyzes them.
 */
class ConventionStatisticsTest extends WarehouseTest {
    private static final Pattern ROWS = Pattern.compile("rows=(\\d+)");

    @Test
    void thePlannerKnowsHowFewRowsTheConventionTablesHold() {
        for (String table : new String[] {"ops.metric", "ops.convention_phase", "ops.convention_target"}) {
            long actual = jdbc.queryForObject("select count(*) from " + table, Long.class);
            String plan = jdbc.queryForObject("explain select * from " + table, String.class);
            Matcher m = ROWS.matcher(plan);
            assertThat(m.find()).as(plan).isTrue();
            assertThat(Long.parseLong(m.group(1))).as("%s holds %d rows; plan: %s", table, actual, plan)
                    .isBetween(1L, 2 * actual + 1);
        }
    }
}
