package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Found by the fault campaign (issue 17): an instance killed while it held a file left Camel's
 * {@code <file>.camelLock} marker beside it, and the instances still running never took that file
 * again (only a consumer starting deletes such markers). The claim in the warehouse is what keeps
 * two instances off one file, so no marker may hide a file from the others.
 */
class LeftLockMarkerTest extends WarehouseTest {
    @Test
    void aFileLeftWithTheLockMarkerOfAKilledInstanceIsImportedByTheInstancesStillRunning() throws Exception {
        Path file = INBOX.resolve("exams/prometric/left-by-a-killed-instance.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file.resolveSibling(file.getFileName() + ".camelLock"), "", StandardCharsets.UTF_8);
        dropPrometricExport("left-by-a-killed-instance.csv", 3, 2012);

        List<Map<String, Object>> imports = awaitImports(1);
        assertThat(imports.get(0)).containsEntry("file_name", "left-by-a-killed-instance.csv")
                .containsEntry("status", "LOADED").containsEntry("rows_loaded", 3L);
        assertThat(kpi("exams_passed", 2012)).isEqualTo(3);
        assertThat(file).doesNotExist();
    }
}
