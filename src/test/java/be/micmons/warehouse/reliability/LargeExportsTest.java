package be.micmons.warehouse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large export arriving when the warehouse already holds a large one (found by the outage test;
 * the duplicate check scanned every exam row once per staged row). Both load in bounded time and
 * count exactly.
 */
class LargeExportsTest extends WarehouseTest {
    static final int FIRST = 100_000;
    static final int SECOND = 50_000;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSecondLargeExportLoadsInBoundedTimeNextToTheFirst() throws IOException {
        dropPrometricExport("first.csv", FIRST, 2011);
        awaitImports(1);
        dropPrometricExport("second.csv", SECOND, 2012);
        List<Map<String, Object>> imports = awaitImports(2);

        assertThat(imports).extracting(m -> m.get("status")).containsExactly("LOADED", "LOADED");
        assertThat(imports.get(1)).containsEntry("rows_loaded", (long) SECOND).containsEntry("rows_duplicate", 0L);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(FIRST);
        assertThat(kpi("exams_passed", 2012)).isEqualTo(SECOND);
    }
}
