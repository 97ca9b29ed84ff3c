package be.micmons.warehouse.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole app on an embedded PostgreSQL, with a temporary inbox
 * and archive shared by every test class (one Spring context), and an empty warehouse per test.
 */
@CamelSpringBootTest
// GreenMail, the tests' SMTP server, logs each recipient it creates at INFO ("Created user login
// direction@mic-mons.test ..."): the test server's line, not the app's, yet it lands in the output that
// PersonalDataAndSecretsTest searches for e-mails whenever an alert is mailed while it captures
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.com.icegreen.greenmail=warn")
public abstract class WarehouseTest {
    protected static final Path ROOT = tempRoot();
    protected static final Path INBOX = ROOT.resolve("inbox");
    protected static final Path ARCHIVE = ROOT.resolve("archive");

    /** The embedded warehouse's generated password (DESIGN §16), for tests that open a second connection. */
    protected static String warehousePassword() throws java.io.IOException {
        return Files.readString(ROOT.resolve("pg/warehouse.password")).strip();
    }
    /** A copy of config/partners; tests add layouts here, as an operator would. */
    protected static final Path PARTNERS = copyOf(Path.of("config/partners"), ROOT.resolve("partners"));
    /** A copy of config/providers; tests add exam provider layouts here. */
    protected static final Path PROVIDERS = copyOf(Path.of("config/providers"), ROOT.resolve("providers"));
    protected static final String ADMIN_PASSWORD = "admin-test-pw";
    protected static final String VIEWER_PASSWORD = "viewer-test-pw";
    protected static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected CamelContext camel;

    @DynamicPropertySource
    public static void warehouseProperties(DynamicPropertyRegistry r) {
        r.add("mic.inbox-dir", INBOX::toString);
        r.add("mic.archive-dir", ARCHIVE::toString);
        r.add("mic.embedded.data-dir", () -> ROOT.resolve("pg").toString());
        r.add("mic.embedded.clean-data-directory", () -> "true");
        r.add("mic.embedded.durable", () -> "false");
        r.add("mic.demo.load-samples", () -> "false");
        r.add("mic.intake.min-age", () -> "500ms");
        r.add("mic.intake.progress-interval", () -> "100ms");
        r.add("mic.partners-dir", PARTNERS::toString);
        r.add("mic.exams.providers-dir", PROVIDERS::toString);
        r.add("mic.security.admin-password", () -> ADMIN_PASSWORD);
        r.add("mic.security.viewer-password", () -> VIEWER_PASSWORD);
        // --- security (issue 15): named accounts, keys in the temp root, a throttle above OpsApiTest's wrong passwords
        r.add("mic.security.users-file", () -> Accounts.USERS_FILE.toString());
        r.add("mic.security.sign-in-throttle.max-failures", () -> "30");
        r.add("mic.privacy.hmac-key-file", () -> ROOT.resolve("keys/person-hmac.key").toString());
        r.add("mic.archive.key-file", () -> ROOT.resolve("keys/archive.key").toString());
        r.add("mic.security.generated-passwords-file", () -> ROOT.resolve("keys/generated-passwords.properties").toString());
        // --- operations (issue 5): the nightly cron never fires during a test run; NightlyTest
        // fires the Quartz job itself and checks the route carries the configured cron
        r.add("mic.nightly.cron", () -> NIGHTLY_TEST_CRON);
        // tests sweep dead instances' work themselves (NodeLiveness.sweep()), never at a random minute
        r.add("mic.reliability.sweep-interval", () -> "1h");
        // the HR API route's retries (routes/hr-api.camel.yaml): 3 attempts, 20 ms apart, not 5 from 1 s
        r.add("mic.hr-api.max-attempts", () -> "3");
        r.add("mic.hr-api.retry-backoff", () -> "20ms");
        // Boot's tests switch metrics export off; /actuator/prometheus is part of the product
        r.add("management.prometheus.metrics.export.enabled", () -> "true");
        TestMail.properties(r); // alerts (issue 16) mailed to an in-process GreenMail
    }

    /** Named accounts of the users file (DESIGN §9): alice is ADMIN, bob VIEWER. */
    protected static final class Accounts {
        public static final String ALICE_PASSWORD = "alice-test-pw";
        public static final String BOB_PASSWORD = "bob-test-pw";
        static final Path USERS_FILE = usersFile();

        private static Path usersFile() {
            var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
            try {
                return Files.writeString(ROOT.resolve("users.yaml"), "users:\n"
                        + "  - {name: alice, password-hash: '" + bcrypt.encode(ALICE_PASSWORD) + "', role: ADMIN}\n"
                        + "  - {name: bob, password-hash: '" + bcrypt.encode(BOB_PASSWORD) + "', role: VIEWER}\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The nightly cron of the tests: 3 a.m. on 1 January 2099. */
    protected static final String NIGHTLY_TEST_CRON = "0 0 3 1 1 ? 2099";

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("mic-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyOf(Path from, Path to) {
        try (Stream<Path> s = Files.list(from)) {
            Files.createDirectories(to);
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return to;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds (or replaces) a partner layout, as an operator adds one YAML file. */
    protected static void partnerLayout(String id, String yaml) throws IOException {
        Files.writeString(PARTNERS.resolve(id + ".yaml"), yaml);
    }

    /**
     * A layout for a partner in Mons sending "Company;Founded;Zip" CSV (UTF-8, dd/MM/yyyy), with
     * extraLines (whole YAML lines, or "") before its csv: block.
     */
    protected static String companyFoundedZipLayout(String id, String name, String extraLines) {
        return "id: " + id + "\nname: " + name + "\ncity: Mons\n" + extraLines + """
                csv:
                  charset: UTF-8
                  delimiter: ";"
                  header-line: 1
                  date-formats: ["dd/MM/yyyy"]
                columns:
                  name: ["Company"]
                  creation_date: ["Founded"]
                  postal_code: ["Zip"]
                """;
    }

    /** Every test starts on an empty warehouse (reference tables kept) and an empty inbox. */
    @BeforeEach
    void emptyWarehouse() throws IOException {
        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', schemaname, tablename) from pg_tables
                where schemaname in ('core', 'staging', 'ops', 'mart')
                  and tablename not in ('metric', 'convention_phase', 'convention_target', 'secret', 'exam_state')
                  and tablename not like 'qrtz%'""", String.class);
        if (!tables.isEmpty()) {
            jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
        }
        jdbc.update("update mart.exam_state set stale = false, counts_stale = false, stale_since = null, changes = 0"); // empty marts of an empty warehouse
        if (Files.exists(INBOX)) {
            try (Stream<Path> s = Files.walk(INBOX)) {
                s.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .filter(p -> !p.equals(INBOX))
                        .filter(Files::isRegularFile)
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes a file beside its target and renames it in, as a careful sender would. */
    protected static Path drop(String relPath, String content, Charset charset) throws IOException {
        return drop(relPath, content.getBytes(charset));
    }

    protected static Path drop(String relPath, byte[] content) throws IOException {
        Path target = INBOX.resolve(relPath);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * Drops a Prometric export of n passed sittings in a year into exams/prometric/, written beside
     * and renamed in; exports of different years share their candidates.
     */
    protected static void dropPrometricExport(String name, int n, int year) throws IOException {
        Path target = INBOX.resolve("exams/prometric/" + name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + name + ".tmp");
        PrometricExports.write(tmp, n, year);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies the shipped samples of each source (samples/&lt;source&gt;/…, in name order) into the inbox
     * at &lt;source&gt;/…, as an operator would; returns how many files.
     */
    protected static int dropSamples(String... sources) throws IOException {
        int n = 0;
        for (String source : sources) {
            Path samples = Path.of("samples", source);
            try (Stream<Path> files = Files.walk(samples)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    dropCopy(f, source + "/" + samples.relativize(f));
                    n++;
                }
            }
        }
        return n;
    }

    /** Drops the shipped samples of each source and waits until every file is imported; returns how many files. */
    protected int loadSamples(String... sources) throws IOException {
        int n = dropSamples(sources);
        awaitImports(n);
        return n;
    }

    /** Copies a file of samples/ (or any path) into the inbox at relPath. */
    protected static Path dropCopy(Path source, String relPath) throws IOException {
        return drop(relPath, Files.readAllBytes(source));
    }

    /**
     * Watches the intake routes for the next n files: create it before dropping them, then
     * {@link #awaitIntake}. The route is what the test waits on, not a polled table.
     */
    protected NotifyBuilder intakeOf(int files) {
        return new NotifyBuilder(camel).from("file:*").whenDone(files).create();
    }

    /** Waits until the intake routes are done with the watched files; returns every import in id order. */
    protected List<Map<String, Object>> awaitIntake(NotifyBuilder files) {
        assertThat(files.matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the intake routes took and finished the dropped files").isTrue();
        return jdbc.queryForList("select * from ops.import order by id");
    }

    /** Waits until n imports are finished (not RUNNING) and returns them in id order. */
    protected List<Map<String, Object>> awaitImports(int n) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "select count(*) from ops.import where status <> 'RUNNING'", Integer.class) >= n);
        return jdbc.queryForList("select * from ops.import order by id");
    }

    /**
     * Waits until a dropped file has left the inbox. The intake moves a loaded or duplicate file
     * when its exchange completes, a moment after the import's commit that awaitImports sees.
     */
    protected static void awaitGone(Path file) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> !Files.exists(file));
    }

    /** The value of a metric in a year from the pinned view. */
    protected long kpi(String metric, int year) {
        return jdbc.queryForObject("select coalesce(sum(value), 0)::bigint from mart.convention_kpi where metric = ? and year = ?",
                Long.class, metric, year);
    }
}
