package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly sweep of archived copies that no import refers to (an instance killed between storing
 * a copy and its import's commit): only those go, once a day old; a copy a commit still to come will
 * name is left to it; a sweep killed half-way loses nothing.
 */
class ArchiveSweepTest extends WarehouseTest {
    @Autowired
    Archive archive;
    @Autowired
    ArchiveRetention retention;
    @Autowired
    TransactionTemplate tx;

    /** A content stored in the archive as an import would, with no import naming it. */
    private Path stored(String source, String text) throws IOException {
        Path file = Files.createTempFile("sweep-", ".json");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return archive.store(source, Archive.sha256(file), file);
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The archive outlives each test's warehouse (emptied before every test): a copy this class made
     * a day old is removed after its test, or the next test's sweep would find it unreferenced.
     */
    private final List<Path> agedHere = new ArrayList<>();

    @AfterEach
    void removeAgedCopies() throws IOException {
        for (Path p : agedHere) {
            Files.deleteIfExists(p);
        }
    }

    private Path aged(Path p) throws IOException {
        agedHere.add(p);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        return p;
    }

    private String clearSha256(Path kept) throws IOException {
        Path clear = archive.restore(kept.getParent().getParent().getFileName().toString(), kept.getFileName().toString());
        try {
            return Archive.sha256(clear);
        } finally {
            Files.delete(clear);
        }
    }

    private static String answer() {
        return "{\"items\":[\n{\"declaration_id\":\"" + UUID.randomUUID() + "\"}],\"next_page\":null}";
    }

    @Test
    void onlyADayOldCopyThatNoImportNamesIsRemovedAndASweepCutShortLosesNothing() throws Exception {
        dropCopy(Path.of("samples/hr/declarations-2009-2012.csv"), "hr/declarations.csv");
        Map<String, Object> hr = awaitImports(1).get(0);
        dropCopy(Path.of("samples/incubators/mons-mic/boostcamp-2009-2014.csv"), "incubators/mons-mic/boostcamp.csv");
        Map<String, Object> partner = awaitImports(2).get(1);
        Path hrCopy = aged(Path.of((String) hr.get("archive_path")));
        Path partnerCopy = aged(Path.of((String) partner.get("archive_path")));
        // an HR pull killed after storing its answer, before its commit: the next pull receives it again
        Path orphan = aged(stored("hr", answer()));
        Path young = stored("hr", answer());
        // a sweep killed after setting a copy aside: that copy is an import's, it must come back
        Path aside = partnerCopy.resolveSibling(partnerCopy.getFileName() + ".sweep");
        Files.move(partnerCopy, aside);

        assertThat(retention.sweep()).isEqualTo("archive sweep: 1 copy(ies) that no import refers to removed");

        assertThat(orphan).doesNotExist();
        assertThat(young).as("a copy less than a day old may be a commit still to come").exists();
        assertThat(aside).doesNotExist();
        assertThat(clearSha256(hrCopy)).isEqualTo(hr.get("sha256"));
        assertThat(clearSha256(partnerCopy)).isEqualTo(partner.get("sha256"));
        assertThat(retention.sweep()).isEqualTo("archive sweep: 0 copy(ies) that no import refers to removed");
    }

    @Test
    void aCopyThatACommitStillToComeWillNameIsLeftToIt() throws Exception {
        Path orphan = aged(stored("hr", answer()));
        String sha = orphan.getFileName().toString();
        CountDownLatch named = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // as the HR pull does: the store lock, the copy (already there: kept as it is), then its import names it
        CompletableFuture<Void> pull = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            jdbc.execute(Archive.STORE_LOCK);
            try {
                Path kept = archive.store("hr", sha, orphan);
                jdbc.update("""
                        insert into ops.import (source, file_name, trigger, status, archive_path)
                        values ('hr', 'GET http://hr.test/declarations', 'ADMIN', 'LOADED', ?)""", kept.toString());
                named.countDown();
                assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(named.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> sweep = CompletableFuture.supplyAsync(retention::sweep);
        // the sweep waits for the pull's commit (or, were it not to, it is done before it)
        await().atMost(WAIT).until(() -> sweep.isDone() || jdbc.queryForObject(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted", Integer.class) == 1);
        commit.countDown();
        pull.get(60, TimeUnit.SECONDS);

        assertThat(sweep.get(60, TimeUnit.SECONDS)).isEqualTo("archive sweep: 0 copy(ies) that no import refers to removed");
        assertThat(orphan).exists();
        assertThat(clearSha256(orphan)).isEqualTo(sha);
    }
}
