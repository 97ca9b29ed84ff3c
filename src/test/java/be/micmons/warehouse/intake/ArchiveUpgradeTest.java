package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fault campaign (issue 17): an instance starting beside another deleted the other's
 * {@code .part} file while it was being encrypted, and that import failed ("could not be archived").
 */
class ArchiveUpgradeTest {
    @TempDir
    Path root;

    @Test
    void aStartingInstanceLeavesAnotherInstancesWorkFilesAloneAndRemovesOldLeftovers() throws Exception {
        Path folder = Files.createDirectories(root.resolve("archive/exams/ab"));
        Path beingWritten = Files.writeString(folder.resolve("ab12.part"), "half-encrypted");
        Path leftover = Files.writeString(folder.resolve("ab34.part"), "cut by a crash");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Archive.STALE_WORK_FILE).minus(Duration.ofMinutes(1))));

        new Archive(root.resolve("archive"), root.resolve("keys/archive.key")).upgrade();

        assertThat(beingWritten).as("another instance's file, being written").exists();
        assertThat(leftover).as("a leftover older than " + Archive.STALE_WORK_FILE).doesNotExist();
    }
}
