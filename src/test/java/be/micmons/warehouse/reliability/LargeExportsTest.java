package be.micmons.warehouse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import be.micmons.warehouse.support.PrometricExports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    /** An export's own repeats are counted across the blocks its content hashes are sorted in. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void repeatsFarFromTheirFirstRowAreCountedOnce() throws IOException {
        int distinct = 30_000;
        int repeated = 20_000;
        Path tmp = INBOX.resolve("exams/prometric/.repeats.csv.tmp");
        Files.createDirectories(tmp.getParent());
        PrometricExports.write(tmp, distinct, 2013);
        List<String> lines = Files.readAllLines(tmp);
        List<String> again = new ArrayList<>();
        for (int i = 0; i < repeated; i++) {
            again.add(lines.get(1 + (7 * i) % distinct)); // 7 and 30,000 are coprime: each row at most once
        }
        Files.write(tmp, again, StandardOpenOption.APPEND);
        Files.move(tmp, tmp.resolveSibling("repeats.csv"), StandardCopyOption.ATOMIC_MOVE);

        Map<String, Object> imported = awaitImports(1).get(0);
        assertThat(imported).containsEntry("status", "LOADED").containsEntry("rows_read", (long) distinct + repeated)
                .containsEntry("rows_duplicate", (long) repeated).containsEntry("rows_loaded", (long) distinct);
        assertThat(kpi("exams_passed", 2013)).isEqualTo(distinct);
    }
}
