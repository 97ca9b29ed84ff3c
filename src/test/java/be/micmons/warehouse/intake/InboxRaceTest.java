package be.micmons.warehouse.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Found by the fault campaign (issue 17), two instances on one inbox: a file is still in the inbox
 * between its import's commit and its removal (and stays there when the instance dies in between).
 * The other instance took such a file for a re-delivery of itself (a DUPLICATE row: two outcomes for
 * one file), and when the import holding the content had just FAILED it broke on an empty result.
 * And a re-delivered file taken by both instances at once got two DUPLICATE rows.
 */
class InboxRaceTest extends WarehouseTest {
    static final String CSV = "Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status\n"
            + "Race Lab;SPRL;0825.817.616;12/03/2012;7000;Mons;web;Boostcamp;created\n";

    @Autowired
    ImportLedger ledger;

    @Test
    void aFileLeftInTheInboxAfterItsImportCommittedIsRemovedWithoutASecondOutcome() throws Exception {
        Path file = drop("incubators/mons-mic/race.csv", CSV, UTF_8);
        await().atMost(WAIT).until(() -> !Files.exists(file) && jdbc.queryForObject(
                "select count(*) from ops.import where status = 'LOADED'", Long.class) == 1);
        Timestamp claimed = jdbc.queryForObject("select started_at from ops.import", Timestamp.class);

        // the same file, unchanged since its import claimed it: as an instance killed before removing it leaves it
        Path left = INBOX.resolve("incubators/mons-mic/.race.csv.tmp");
        Files.writeString(left, CSV, UTF_8);
        Files.setLastModifiedTime(left, FileTime.from(claimed.toInstant().minusSeconds(5)));
        Files.move(left, file);
        await().atMost(WAIT).until(() -> !Files.exists(file));
        assertThat(jdbc.queryForList("select status from ops.import order by id", String.class)).containsExactly("LOADED");

        // a real re-delivery (written after that import) is still a DUPLICATE
        Path again = drop("incubators/mons-mic/race.csv", CSV, UTF_8);
        await().atMost(WAIT).until(() -> !Files.exists(again));
        assertThat(jdbc.queryForList("select status from ops.import order by id", String.class))
                .containsExactly("LOADED", "DUPLICATE");
        assertThat(kpi("startups_created", 2012)).isEqualTo(1);
    }

    @Test
    void aReDeliveredFileTakenByTwoInstancesAtOnceHasOneDuplicateRow() {
        jdbc.update("""
                insert into ops.import (source, partner, file_name, sha256, trigger, status)
                values ('exams', 'prometric', 'first.csv', 'abc', 'FILE_DROP', 'LOADED')""");
        java.time.Instant written = java.time.Instant.now().minusSeconds(5);
        var first = ledger.duplicate("exams", "prometric", "again.csv", "abc", "FILE_DROP", written);
        var second = ledger.duplicate("exams", "prometric", "again.csv", "abc", "FILE_DROP", written);
        assertThat(first).isPresent();
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status = 'DUPLICATE'", Long.class)).isEqualTo(1);
        // delivered once more later (written after that row): a DUPLICATE of its own
        assertThat(ledger.duplicate("exams", "prometric", "again.csv", "abc", "FILE_DROP",
                java.time.Instant.now().plusSeconds(5))).isPresent().isNotEqualTo(first);
    }

    @Test
    void aDuplicateOfContentWhoseImportHasJustFailedIsNotRecorded() {
        jdbc.update("""
                insert into ops.import (source, partner, file_name, sha256, trigger, status, message)
                values ('exams', 'prometric', 'refused.csv', 'abc', 'FILE_DROP', 'FAILED', 'The file refused.csv is empty.')""");
        assertThat(ledger.duplicate("exams", "prometric", "refused.csv", "abc", "FILE_DROP")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isEqualTo(1);
    }
}
