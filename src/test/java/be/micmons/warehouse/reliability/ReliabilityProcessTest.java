package be.micmons.warehouse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.PrometricExports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Breaks things for real (issue 8): the app runs in JVMs of its own on a PostgreSQL this test starts
 * and stops (zonky, fixed port and data folder), with one inbox and one archive shared by two
 * instances. Killed mid-import with kill -9, restarted; a second instance on the same inbox; the
 * warehouse stopped during an import and while a file arrives, then started again on the same port.
 * The methods run in order on the same warehouse; each checks the figures with SQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityProcessTest {
    static final int BIG_ROWS = 1_000_000; // the size of the external check
    static final Duration LONG = Duration.ofMinutes(3);

    static Path root;
    static ProcessWarehouse warehouse;
    static ProcessWarehouse.Db db;
    static Path inbox;
    static Path archive;
    static Path partners;
    static AppProcess a;
    static AppProcess b;
    static final List<AppProcess> started = new ArrayList<>();

    @BeforeAll
    static void warehouse() throws Exception {
        root = Files.createTempDirectory("mic-rel-");
        inbox = root.resolve("inbox");
        archive = root.resolve("archive");
        partners = root.resolve("partners");
        Inbox.partnerSite(partners, "rel-site");
        warehouse = new ProcessWarehouse(root.resolve("pg"));
        warehouse.createDatabase("reltest");
        db = warehouse.db("reltest");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        // what each process was doing, for the report of a failed run (logs beside the apps' own)
        try {
            List<Map<String, Object>> activity = db.rows(
                    "select pid, state, wait_event_type, wait_event, now() - query_start as age, left(query, 200) as q"
                            + " from pg_stat_activity where datname = 'reltest'");
            Files.writeString(root.resolve("logs/pg_stat_activity.txt"), activity.toString());
        } catch (Exception e) {
            // the warehouse may be the thing that is down
        }
        for (AppProcess p : started) {
            if (p.isAlive()) {
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(p.pid()), "Thread.print")
                        .redirectOutput(root.resolve("logs/" + p.name + ".threads").toFile()).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (AppProcess p : started) {
            try {
                p.close();
            } catch (Exception e) {
                p.kill();
            }
        }
        if (warehouse != null) {
            warehouse.close();
        }
        // keep only the logs (a few MB) of the run; the warehouse, exports and archive are large
        for (Path big : List.of(warehouse.dataDir, inbox, archive, root.resolve("big-2011.csv"), root.resolve("big-2013.csv"))) {
            if (Files.exists(big)) {
                try (Stream<Path> s = Files.walk(big)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static AppProcess app(String name) throws IOException {
        // a schedule firing every 10 s on every instance: each firing must run once
        AppProcess p = AppProcess.start(name, root.resolve("logs"),
                AppProcess.settings(warehouse.url("reltest"), inbox, archive, partners, "0/10 * * * * ?"));
        started.add(p);
        return p.awaitHealthy(LONG);
    }

    static long kpi(String metric, int year) {
        return db.kpi(metric, year);
    }

    static Path drop(String rel, Path content) throws IOException {
        return Inbox.drop(inbox, rel, content);
    }

    static Path drop(String rel, String content) throws IOException {
        return Inbox.drop(inbox, rel, content);
    }

    /** A Prometric export of n passed exams in the given year, every row a sitting of its own. */
    static Path prometricExport(String name, int n, int year) throws IOException {
        return PrometricExports.write(root.resolve(name), n, year);
    }

    /** A partner file with one start-up (valid BCE number), created in the given year. */
    static String partnerFile(int i, int year) {
        return Inbox.PARTNER_HEADER + Inbox.partnerLine(i, year);
    }

    static List<Path> inboxFiles() throws IOException {
        return Inbox.waiting(inbox);
    }

    static long count(String sql, Object... args) {
        return db.count(sql, args);
    }

    @Test
    @Order(1)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void killedMidImportShowsNothingAndImportsExactlyOnceAfterRestart() throws Exception {
        a = app("a");
        Path big = prometricExport("big-2011.csv", BIG_ROWS, 2011);
        drop("exams/prometric/big-2011.csv", big);

        // mid-import: the claim is RUNNING and the rows are streaming into the import's transaction
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                select count(*) from ops.import i, pg_stat_activity a
                where i.status = 'RUNNING' and a.datname = 'reltest' and a.state = 'active'
                  and a.query ilike 'copy%'""") > 0);
        long killed = count("select id from ops.import where status = 'RUNNING'");
        a.kill();
        assertThat(a.isAlive()).isFalse();

        // nothing of the killed import is visible
        assertThat(count("select count(*) from ops.import where status = 'RUNNING'")).isEqualTo(1);
        assertThat(kpi("exams_passed", 2011)).isZero();
        assertThat(count("select count(*) from core.exam_record where import_id = ?", killed)).isZero();
        assertThat(count("select count(*) from mart.evidence")).isZero();
        assertThat(count("select count(*) from mart.convention_kpi where value <> 0")).isZero();
        assertThat(inbox.resolve("exams/prometric/big-2011.csv")).exists();

        a = app("a-restarted");
        await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() ->
                count("select count(*) from ops.import where status in ('LOADED', 'LOADED_WITH_REJECTS')") == 1);
        List<Map<String, Object>> imports = db.rows("select * from ops.import order by id");
        assertThat(imports).hasSize(2);
        assertThat(imports.get(0)).containsEntry("id", killed).containsEntry("status", "FAILED");
        assertThat((String) imports.get(0).get("message")).contains("stopped before it finished");
        assertThat(imports.get(1)).containsEntry("status", "LOADED")
                .containsEntry("rows_read", (long) BIG_ROWS).containsEntry("rows_loaded", (long) BIG_ROWS);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(BIG_ROWS);
        assertThat(count("select count(*) from ops.import where status = 'RUNNING'")).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxFiles().isEmpty());
        assertThat(Path.of((String) imports.get(1).get("archive_path"))).exists();
        // kept encrypted (DESIGN §16): decrypted, it is the file that was dropped
        assertThat(new be.micmons.warehouse.intake.Archive(archive, root.resolve("keys/archive.key"))
                .copyOut((String) imports.get(1).get("source"), (String) imports.get(1).get("sha256"), java.io.OutputStream.nullOutputStream()))
                .isEqualTo(be.micmons.warehouse.intake.Archive.sha256(big));
    }

    @Test
    @Order(2)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twoInstancesOnOneInboxImportEveryFileOnce() throws Exception {
        long before = count("select count(*) from ops.import");
        b = app("b");
        int n = 200;
        for (int i = 0; i < n; i++) {
            drop("incubators/rel-site/company-" + i + ".csv", partnerFile(i, 2012));
        }
        for (int i = 0; i < 5; i++) { // exact copies of files already dropped, under other names
            drop("incubators/rel-site/copy-of-company-" + i + ".csv", partnerFile(i, 2012));
        }
        await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() ->
                count("select count(*) from ops.import where source = 'incubators' and status <> 'RUNNING'") >= n + 5
                        && inboxFiles().isEmpty());

        assertThat(count("select count(*) from ops.import where source = 'incubators' and status = 'LOADED'")).isEqualTo(n);
        assertThat(count("select count(*) from ops.import where source = 'incubators' and status = 'DUPLICATE'")).isEqualTo(5);
        assertThat(count("select count(*) from ops.import where source = 'incubators'")).isEqualTo(n + 5);
        // each content loaded once, every file name accounted for once
        assertThat(count("""
                select count(*) from (select sha256 from ops.import where source = 'incubators' and status = 'LOADED'
                group by sha256 having count(*) > 1) x""")).isZero();
        assertThat(count("""
                select count(distinct file_name) from ops.import where source = 'incubators'""")).isEqualTo(n + 5);
        assertThat(kpi("startups_created", 2012)).isEqualTo(n);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(BIG_ROWS);
        assertThat(count("select count(*) from ops.import where status = 'RUNNING'")).isZero();
        assertThat(before).isEqualTo(2);

        // the schedule fires on both instances every 10 s: one run per firing, whoever runs it
        long last = count("select coalesce(max(id), 0) from ops.nightly_run");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from ops.nightly_run where id > ? and status <> 'RUNNING'", last) >= 3);
        assertThat(count("select count(*) - count(distinct scheduled_for) from ops.nightly_run")).isZero();
        assertThat(count("select count(*) from ops.nightly_run where id > ?"
                + " and (extract(second from scheduled_for)::int % 10 <> 0 or status = 'FAILED')", last)).isZero();
        assertThat(a.isAlive()).isTrue();
        assertThat(b.isAlive()).isTrue();
    }

    @Test
    @Order(3)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void warehouseStoppedDuringAnImportAndWhileAFileArrivesThenBackWithoutRestart() throws Exception {
        // an import in flight when PostgreSQL stops
        Path big = prometricExport("big-2013.csv", BIG_ROWS / 2, 2013);
        drop("exams/prometric/big-2013.csv", big);
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                select count(*) from ops.import i, pg_stat_activity a
                where i.status = 'RUNNING' and a.datname = 'reltest' and a.state = 'active'
                  and a.query ilike 'copy%'""") > 0);
        warehouse.stop();

        // a file arrives while the warehouse is away: it waits, the apps stay up and say DOWN
        drop("incubators/rel-site/during-outage.csv", partnerFile(1000, 2013));
        for (AppProcess app : List.of(a, b)) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> app.healthStatus() == 503);
            assertThat(app.health()).contains("\"DOWN\"");
            assertThat(app.isAlive()).isTrue();
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> a.health().contains("warehouseUnreachableSince") || b.health().contains("warehouseUnreachableSince"));
        assertThat(inbox.resolve("incubators/rel-site/during-outage.csv")).exists();
        assertThat(inbox.resolve("exams/prometric/big-2013.csv")).exists();

        // back on the same port and data folder: everything is imported, no app restarted
        warehouse.start();
        await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() ->
                count("select count(*) from ops.import where file_name in ('big-2013.csv', 'during-outage.csv')"
                        + " and status = 'LOADED'") == 2 && inboxFiles().isEmpty());
        assertThat(kpi("exams_passed", 2013)).isEqualTo(BIG_ROWS / 2);
        assertThat(kpi("startups_created", 2013)).isEqualTo(1);
        assertThat(kpi("exams_passed", 2011)).isEqualTo(BIG_ROWS);
        assertThat(kpi("startups_created", 2012)).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from ops.import where status = 'RUNNING'") == 0);
        for (AppProcess app : List.of(a, b)) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> app.healthStatus() == 200);
            // one warning per outage, not one per poll
            assertThat(app.logText().split("The warehouse cannot be reached", -1).length - 1).isLessThanOrEqualTo(1);
        }
        assertThat(a.isAlive()).isTrue();
        assertThat(b.isAlive()).isTrue();
    }
}
