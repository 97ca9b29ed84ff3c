package be.micmons.warehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.intake.Archive;
import be.micmons.warehouse.intake.ArchiveRetention;
import be.micmons.warehouse.support.WarehouseTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue #15 rows 2 to 7 and 9: DESIGN §16 on the running app, real files, real warehouse. */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataAndSecretsTest extends WarehouseTest {
    private static final String NISS = "85.07.30-033.28";
    private static final String NISS_DIGITS = "85073003328";
    private static final String EMAIL = "jean.dupont@example.be";
    private static final String HR_HEADER = "declaration_id;action;employer_enterprise_number;employer_name;worker_niss;"
            + "contract_type;fte;start_date;end_date;job_title;declared_at\n";

    @Autowired
    DataSource dataSource;
    @Autowired
    Archive archive;
    @Autowired
    ArchiveRetention retention;
    @Autowired
    EmbeddedPostgres embedded;
    @LocalServerPort
    int port;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private int post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every text value of every table of the warehouse, one string per column (a dump by SQL). */
    private List<String> dump() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> c : jdbc.queryForList("""
                select c.table_schema, c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t using (table_schema, table_name)
                where t.table_type = 'BASE TABLE' and c.table_schema in ('ops', 'core', 'staging', 'mart', 'public')
                  and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')""")) {
            String v = jdbc.queryForObject("select string_agg(\"" + c.get("column_name")
                    + "\"::text, ' | ') from \"" + c.get("table_schema") + "\".\"" + c.get("table_name") + "\"", String.class);
            if (v != null) {
                out.add(c.get("table_schema") + "." + c.get("table_name") + "." + c.get("column_name") + ": " + v);
            }
        }
        return out;
    }

    private static void assertNothingPersonal(String where, String text, List<String> planted) {
        for (String p : planted) {
            assertThat(text).as("%s quotes %s", where, p).doesNotContain(p);
        }
        assertThat(text).as("%s holds an e-mail", where).doesNotContainPattern("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    }

    private long jobFigures() {
        return jdbc.queryForObject("select coalesce(sum(value), 0)::bigint from mart.convention_kpi", Long.class);
    }

    @Test
    void nothingPersonalIsQuotedInTheWarehouseTheLogTheApiOrTheErrorFiles(CapturedOutput output) throws Exception {
        // the NISS shifted into start_date, and the e-mail into contract_type
        drop("hr/hostile.csv", HR_HEADER
                + "H-1;IN;0825.817.616;Lab;" + NISS + ";CDI;1;" + NISS + ";;Dev;2009-03-25T09:30:00+01:00\n"
                + "H-2;IN;0825.817.616;Lab;" + NISS + ";" + EMAIL + ";1;" + NISS_DIGITS + ";;Dev;2009-03-26T09:30:00+01:00\n",
                StandardCharsets.UTF_8);
        // a Prometric export without its header line: the first line is a candidate's
        List<String> sample = Files.readAllLines(Path.of("samples/exams/prometric/prometric-2009-H1.csv"));
        String firstLine = sample.get(1);
        drop("exams/prometric/headerless.csv", String.join("\n", sample.subList(1, sample.size())) + "\n",
                StandardCharsets.UTF_8);
        List<Map<String, Object>> imports = awaitImports(2);
        List<String> planted = new ArrayList<>(List.of(NISS, NISS_DIGITS, EMAIL));
        for (String cell : firstLine.split(",")) {
            if (cell.contains("@") || cell.startsWith("SP") || cell.contains("Simon") || cell.contains("lodie")) {
                planted.add(cell.replace("\"", ""));
            }
        }
        assertThat(planted).hasSizeGreaterThan(5);

        Map<String, Object> hr = imports.stream().filter(i -> "hr".equals(i.get("source"))).findFirst().orElseThrow();
        Map<String, Object> exams = imports.stream().filter(i -> "exams".equals(i.get("source"))).findFirst().orElseThrow();
        assertThat(hr.get("status")).isEqualTo("LOADED_WITH_REJECTS");
        assertThat(exams.get("status")).isEqualTo("FAILED");
        assertThat(jdbc.queryForList("select message from ops.rejected_row where field = 'start_date'", String.class))
                .isNotEmpty().allSatisfy(m -> assertThat(m).contains("an 11-digit number").contains("is not a date"));
        assertThat((String) exams.get("message")).contains("not quoted");

        for (String column : dump()) {
            assertNothingPersonal("the warehouse", column, planted);
        }
        assertNothingPersonal("the log", output.getAll(), planted);
        StringBuilder api = new StringBuilder(get("/api/imports"));
        for (Map<String, Object> i : imports) {
            api.append(get("/api/imports/" + i.get("id"))).append(get("/api/imports/" + i.get("id") + "/rejects"))
                    .append(get("/console/imports/" + i.get("id")));
        }
        api.append(get("/console/imports"));
        assertThat(api.toString()).contains("200 ");
        assertNothingPersonal("the API and the console", api.toString(), planted);
        try (Stream<Path> files = Files.walk(INBOX)) {
            List<Path> errors = files.filter(p -> p.toString().endsWith(".errors.txt")).toList();
            assertThat(errors).hasSize(1);
            for (Path e : errors) {
                assertNothingPersonal(e.toString(), Files.readString(e), planted);
            }
        }
    }

    @Test
    void theArchiveHoldsNoReadableNissOnly600FilesAnd700FoldersAndReimportStillWorks() throws Exception {
        dropCopy(Path.of("samples/hr/declarations-2009-2012.csv"), "hr/declarations.csv");
        Map<String, Object> loaded = awaitImports(1).get(0);
        assertThat(loaded.get("status")).asString().startsWith("LOADED");
        String sample = Files.readString(Path.of("samples/hr/declarations-2009-2012.csv"));
        assertThat(sample).contains(NISS);
        try (Stream<Path> all = Files.walk(ARCHIVE)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (Files.isDirectory(p)) {
                    assertThat(mode).as("folder %s", p).isEqualTo("rwx------");
                } else {
                    assertThat(mode).as("file %s", p).isEqualTo("rw-------");
                    String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    assertThat(bytes).doesNotContain(NISS).doesNotContain("85.07.30").doesNotContain("Digital Wallonia");
                }
            }
        }
        Path key = ROOT.resolve("keys/archive.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        long jobs = jobFigures();
        assertThat(post("/api/imports/" + loaded.get("id") + "/reimport")).isEqualTo(202);
        List<Map<String, Object>> after = awaitImports(2);
        assertThat(after.get(0).get("status")).isEqualTo("SUPERSEDED");
        assertThat(after.get(1).get("status")).isEqualTo(loaded.get("status"));
        assertThat(jobFigures()).isEqualTo(jobs);
    }

    @Test
    void aFileRefusedBeforeItsFirstRowIsNotArchived() throws Exception {
        Path zeros = INBOX.resolve("incubators/mons-mic/zeros.csv");
        Files.createDirectories(zeros.getParent());
        Path tmp = zeros.resolveSibling(".zeros.tmp");
        try (var f = new java.io.RandomAccessFile(tmp.toFile(), "rw")) {
            f.setLength(20L << 20); // a sparse file of zeros
        }
        Files.move(tmp, zeros);
        Map<String, Object> failed = awaitImports(1).get(0);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("archive_path")).isNull();
        assertThat(archive.has("incubators", (String) failed.get("sha256"))).isFalse();
        assertThat(INBOX.resolve("incubators/mons-mic/.failed/zeros.csv")).exists();
        assertThat(INBOX.resolve("incubators/mons-mic/.failed/zeros.csv.errors.txt")).exists();
    }

    @Test
    void theRetentionPurgesOldRawFilesAndKeepsTheirFigures() throws Exception {
        dropCopy(Path.of("samples/hr/declarations-2009-2012.csv"), "hr/declarations.csv");
        Map<String, Object> loaded = awaitImports(1).get(0);
        long jobs = jobFigures();
        long events = jdbc.queryForObject("select count(*) from core.hr_event", Long.class);
        assertThat(events).isPositive();
        String sha = (String) loaded.get("sha256");
        assertThat(archive.has("hr", sha)).isTrue();
        assertThat(retention.purge()).contains(" 0 file(s)");
        jdbc.update("update ops.import set received_at = now() - interval '11 years' where id = ?", loaded.get("id"));
        assertThat(retention.purge()).contains(" 1 file(s)");
        assertThat(archive.has("hr", sha)).isFalse();
        assertThat(jobFigures()).isEqualTo(jobs);
        assertThat(jdbc.queryForObject("select count(*) from core.hr_event", Long.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isEqualTo(1);
        String answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports/"
                        + loaded.get("id") + "/reimport"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(answer).contains("purged");
    }

    @Test
    void aClearArchiveOfAnEarlierVersionIsEncryptedInPlaceAndStillReplays() throws Exception {
        Path sample = Path.of("samples/hr/declarations-2009-2012.csv");
        String sha = Archive.sha256(sample);
        Path old = archive.pathOf("hr-legacy", sha);
        Files.createDirectories(old.getParent());
        Files.copy(sample, old);
        Path clear = archive.restore("hr-legacy", sha);
        assertThat(clear).as("a clear file replays before the upgrade").hasSameBinaryContentAs(sample);
        Files.delete(clear);
        assertThat(archive.upgrade()).isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(old, StandardCharsets.ISO_8859_1)).startsWith("MICARC01").doesNotContain(NISS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
        clear = archive.restore("hr-legacy", sha);
        assertThat(clear).hasSameBinaryContentAs(sample);
        Files.delete(clear);
        // altered: refused
        byte[] b = Files.readAllBytes(old);
        b[b.length - 20] ^= 1;
        Files.write(old, b);
        assertThat(archive.restore("hr-legacy", sha)).isNull();
    }

    @Test
    void theHmacKeyIsAFileOfMode600AndNowhereInTheWarehouse() throws Exception {
        Path keyFile = ROOT.resolve("keys/person-hmac.key");
        String key = Files.readString(keyFile).strip();
        assertThat(key).hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        dropCopy(Path.of("samples/hr/declarations-2009-2012.csv"), "hr/declarations.csv");
        awaitImports(1);
        for (String column : dump()) {
            assertThat(column.toLowerCase()).as("the key in the warehouse").doesNotContain(key.toLowerCase());
        }
        assertThat(jdbc.queryForObject("select count(*) from ops.secret where name = 'person-hmac-key'", Long.class)).isZero();
    }

    @Test
    void theMigrationMovesAKeyOutOfOpsSecretAndEveryHashStaysValid() throws Exception {
        String oldKey = HexFormat.of().formatHex("an old key kept in the warehouse".getBytes(StandardCharsets.UTF_8));
        String hashBefore = new PersonHasher.Session(HexFormat.of().parseHex(oldKey)).hash(NISS_DIGITS);
        Path keyFile = ROOT.resolve("moved/person-hmac.key");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("insert into ops.secret (name, value) values ('person-hmac-key', '" + oldKey + "')");
            }
            new V62__person_hmac_key_out_of_the_warehouse(keyFile).migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
            c.commit();
        }
        assertThat(jdbc.queryForObject("select count(*) from ops.secret where name = 'person-hmac-key'", Long.class)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
        String moved = Files.readString(keyFile).strip();
        assertThat(new PersonHasher.Session(HexFormat.of().parseHex(moved)).hash(NISS_DIGITS)).isEqualTo(hashBefore);
        for (String column : dump()) {
            assertThat(column).doesNotContain(oldKey);
        }
    }

    @Test
    void aLinkedFileAndALinkedFolderAreLeftUntouched() throws Exception {
        Path outside = Files.createDirectories(ROOT.resolve("outside-" + System.nanoTime()));
        Path secret = Files.writeString(outside.resolve("secret.csv"), "name;founded\nSecret SA;2010-01-01\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path other = Files.writeString(outside.resolve("file.txt"), "name;founded\nOther SA;2011-01-01\n");
        Path linkedFolder = INBOX.resolve("incubators/linked");
        Path linkedFile = INBOX.resolve("incubators/mons-mic/l.csv");
        Files.createDirectories(linkedFile.getParent());
        Files.createSymbolicLink(linkedFolder, outside);
        Files.createSymbolicLink(linkedFile, other);
        try {
            List<Map<String, Object>> refused = awaitImports(3);
            assertThat(refused).hasSize(3).allSatisfy(i -> {
                assertThat(i.get("status")).isEqualTo("FAILED");
                assertThat((String) i.get("message")).contains("symbolic link");
                assertThat(i.get("archive_path")).isNull();
            });
            // polled again and again: recorded once each
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    jdbc.queryForObject("select count(*) from ops.import", Long.class) == 3);
            assertThat(secret).exists().hasContent("name;founded\nSecret SA;2010-01-01");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(other).exists();
            assertThat(outside.resolve(".failed")).doesNotExist();
            assertThat(Files.isSymbolicLink(linkedFolder)).isTrue();
            assertThat(Files.isSymbolicLink(linkedFile)).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from core.startup_record", Long.class)).isZero();
        } finally {
            Files.deleteIfExists(linkedFolder);
            Files.deleteIfExists(linkedFile);
        }
    }

    @Test
    void aFileNameCannotWriteALineOfItsOwnInTheLog(CapturedOutput output) throws Exception {
        drop("incubators/mons-mic/x\nINJECTED.csv", "name;founded\n", StandardCharsets.UTF_8);
        awaitImports(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("x\\nINJECTED.csv"));
        assertThat(output.getAll().lines()).noneMatch(l -> l.startsWith("INJECTED"));
    }

    @Test
    void theEmbeddedWarehouseRequiresAPasswordOnTheLoopbackOnly() throws Exception {
        Path pg = ROOT.resolve("pg");
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).doesNotContainIgnoringCase("trust")
                .contains("scram-sha-256");
        Path password = pg.resolve("warehouse.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        String url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close()).as("no password")
                .hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close()).as("a guess")
                .hasMessageContaining("password");
        try (Connection c = DriverManager.getConnection(url, "postgres", Files.readString(password).strip())) {
            assertThat(c.createStatement().executeQuery("show listen_addresses")).satisfies(rs -> {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            });
        }
    }
}
