package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A long import shows its progress in its ops.import row, so every instance can tell how far it is. */
class ImportProgressTest extends WarehouseTest {
    static final int ROWS = 500_000;

    @Test
    void aRunningImportWritesItsRowsSoFarToItsRow() throws Exception {
        dropPrometricExport("long.csv", ROWS, 2012);

        // seen from the warehouse, as another instance sees it: RUNNING with rows read so far
        long[] seen = new long[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            Long soFar = jdbc.query("select rows_read from ops.import where status = 'RUNNING'",
                    rs -> rs.next() ? rs.getLong(1) : null);
            if (soFar != null && soFar > 0) {
                seen[0] = soFar;
                return true;
            }
            return false;
        });
        assertThat(seen[0]).isGreaterThan(0).isLessThan(ROWS);

        Map<String, Object> done = awaitImports(1).get(0);
        assertThat(done).containsEntry("status", "LOADED").containsEntry("rows_read", (long) ROWS)
                .containsEntry("rows_loaded", (long) ROWS);
    }

    @Test
    void anImportRunningElsewhereShowsTheRowsWrittenAndTheirRate() {
        Map<String, Object> row = new HashMap<>(Map.of("id", 987_654L, "status", "RUNNING", "rows_read", 200_000L,
                "started_at", new Timestamp(System.currentTimeMillis() - 10_000)));
        ImportProgress.decorate(row);
        assertThat(row.get("rows_read")).isEqualTo(200_000L);
        assertThat((Long) row.get("rows_per_second")).isBetween(15_000L, 20_000L);

        Map<String, Object> loaded = new HashMap<>(Map.of("id", 987_655L, "status", "LOADED", "rows_read", 5L));
        assertThat(ImportProgress.decorate(loaded)).doesNotContainKey("rows_per_second");
    }
}
