package be.micmons.warehouse.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The intake routes' error handling (routes/inbox.camel.yaml), through real drops: a refused file is
 * set aside by the route configuration {@code refused-files} (its .errors.txt, then FAILED), and a
 * warehouse that refuses every connection is waited out by the {@code warehouse-outage} redelivery
 * (the file stays, one warning, health {@code intake} DOWN, loaded once the warehouse is back).
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeErrorRoutesTest extends WarehouseTest {
    private static final String OUTAGE_WARNING = "The warehouse cannot be reached";
    private static final String OUTAGE_OVER = "The warehouse is back";

    @Autowired
    HealthEndpoint health;
    @Autowired
    DataSource dataSource;

    @Test
    void aRefusedFileIsInFailedWithItsReasonsBeforeItsImportSaysFailed() throws Exception {
        partnerLayout("refusing-site", companyFoundedZipLayout("refusing-site", "Refusing Site", ""));
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("intake-*").whenDone(2).create();
        drop("hr/no-date.csv", "declaration_id,action,worker_niss\nD-1,IN,85.07.30-033.61\n", UTF_8);
        drop("incubators/refusing-site/long.csv", "Company;Founded;Zip\nAlpha;01/01/2011;7000\n"
                + "B".repeat(200_000) + ";01/01/2011;7000\n", UTF_8);

        // whenever the ledger says FAILED, the file and its reasons are already in .failed/
        AtomicReference<String> earlyFailed = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            List<Map<String, Object>> failed = jdbc.queryForList(
                    "select file_name, source, partner from ops.import where status = 'FAILED'");
            for (Map<String, Object> f : failed) {
                Path dir = INBOX.resolve(f.get("partner") == null ? (String) f.get("source")
                        : f.get("source") + "/" + f.get("partner")).resolve(".failed");
                String name = (String) f.get("file_name");
                if (!Files.exists(dir.resolve(name)) || !Files.exists(dir.resolve(name + ".errors.txt"))) {
                    earlyFailed.compareAndSet(null, name);
                }
            }
            return failed.size() == 2;
        });
        assertThat(earlyFailed.get()).as("a FAILED import whose file was not yet set aside").isNull();
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Map<String, Object> hr = jdbc.queryForMap("select * from ops.import where file_name = 'no-date.csv'");
        String hrErrors = Files.readString(INBOX.resolve("hr/.failed/no-date.csv.errors.txt"));
        assertThat(hrErrors).contains("File: no-date.csv").contains("Import: " + hr.get("id"))
                .contains("Why it was not imported:").contains("declared_at");
        assertThat((String) hr.get("message")).contains("declared_at");
        // a reason names the line, and quotes nothing of the file's content
        String longErrors = Files.readString(INBOX.resolve("incubators/refusing-site/.failed/long.csv.errors.txt"));
        assertThat(longErrors).contains("line 3").contains("longer than").doesNotContain("BBBB");
        assertThat(INBOX.resolve("hr/no-date.csv")).doesNotExist();
        assertThat(INBOX.resolve("incubators/refusing-site/long.csv")).doesNotExist();
        assertThat(jdbc.queryForObject("select count(*) from ops.import where status <> 'FAILED'", Long.class)).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aWarehouseRefusingConnectionsLeavesTheFileWithOneWarningAndHealthDownThenLoadsIt(CapturedOutput output)
            throws Exception {
        partnerLayout("outage-site", companyFoundedZipLayout("outage-site", "Outage Site", ""));
        int warningsBefore = count(output.getAll(), OUTAGE_WARNING);
        int overBefore = count(output.getAll(), OUTAGE_OVER);
        NotifyBuilder loaded = new NotifyBuilder(camel).fromRoute("intake-incubators").whenCompleted(1).create();
        String superuser = ((HikariDataSource) dataSource).getJdbcUrl().replaceFirst("/postgres(\\?.*)?$", "/template1");
        try (Connection admin = DriverManager.getConnection(superuser, "postgres", warehousePassword());
             Statement st = admin.createStatement()) {
            try {
                // the warehouse goes away: new connections refused, the pool's sessions cut
                st.execute("alter database postgres allow_connections false");
                st.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = 'postgres' and pid <> pg_backend_pid()");
                Path file = drop("incubators/outage-site/during-outage.csv", "Company;Founded;Zip\nOutage SA;01/01/2012;7000\n", UTF_8);

                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                        health.healthForPath("intake").getStatus().equals(Status.DOWN));
                // retried by redelivery with a growing pause, and still waiting in the inbox
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                        output.getAll().contains("warehouse still unreachable") || tries() >= 2);
                assertThat(file).exists();
                assertThat(loaded.matches(0, TimeUnit.SECONDS)).isFalse();
                assertThat(count(output.getAll(), OUTAGE_WARNING) - warningsBefore).as("one warning per outage").isEqualTo(1);
            } finally {
                st.execute("alter database postgres allow_connections true");
            }
        }

        // back: the waiting file is imported by its next redelivery, no restart
        assertThat(loaded.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the file loaded once the warehouse was back").isTrue();
        assertThat(jdbc.queryForObject("select status from ops.import where file_name = 'during-outage.csv'", String.class))
                .isEqualTo("LOADED");
        assertThat(INBOX.resolve("incubators/outage-site/during-outage.csv")).doesNotExist();
        assertThat(kpi("startups_created", 2012)).isEqualTo(1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                health.healthForPath("intake").getStatus().equals(Status.UP));
        assertThat(count(output.getAll(), OUTAGE_WARNING) - warningsBefore).as("one warning per outage").isEqualTo(1);
        assertThat(count(output.getAll(), OUTAGE_OVER) - overBefore).as("one line when it ends").isEqualTo(1);
    }

    private long tries() {
        var intake = health.healthForPath("intake");
        if (intake instanceof org.springframework.boot.actuate.health.Health h && h.getDetails().get("tries") instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }

    private static int count(String text, String what) {
        return text.split(what, -1).length - 1;
    }
}
