package be.micmons.warehouse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        dropExport("first.csv", FIRST, 2011);
        awaitImports(1);
        dropExport("second.csv", SECOND, 2012);
        List<Map<String, Object>> imports = awaitImports(2);

        assertThat(imports).extracting(m -> m.get("status")).containsExactly("LOADED", "LOADED");
        assertThat(imports.get(1)).containsEntry("rows_loaded", (long) SECOND).containsEntry("rows_duplicate", 0L);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(FIRST);
        assertThat(kpi("exams_passed", 2012)).isEqualTo(SECOND);
    }

    /** A Prometric export of n passed sittings in a year; the candidates of both exports overlap. */
    static void dropExport(String name, int n, int year) throws IOException {
        Path target = INBOX.resolve("exams/prometric/" + name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + name + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(ReliabilityProcessTest.HEADER);
            for (int i = 0; i < n; i++) {
                w.write("MIC01,R" + year + "-" + i + ",C" + i + ",Name" + i + ",First,c" + i + "@example.com,70-480,"
                        + "Programming in HTML5," + String.format("%02d/%02d/%d", 1 + i % 12, 1 + i % 28, year)
                        + ",Delivered,800,700,Pass\n");
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
