package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull "partners" against an in-process Apache MINA SSHD SFTP server (password auth, 127.0.0.1, random port). */
class SftpPullTest extends SftpTestBase {
    private static final String PASSWORD_ENV = "MIC_TEST_SFTP_PASSWORD";
    private static SshServer server;
    private static KeyPair CLIENT_KEY;
    private static Path remoteRoot;

    @BeforeAll
    static void startServer() throws IOException {
        remoteRoot = Files.createTempDirectory("mic-sftp-");
        server = sftpServer(remoteRoot, new SimpleGeneratorHostKeyProvider(remoteRoot.resolveSibling(remoteRoot.getFileName() + ".hostkey")));
        server.setPasswordAuthenticator((user, password, session) -> "mic".equals(user) && "s3cret".equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> "keyed".equals(user)
                && CLIENT_KEY != null && KeyUtils.compareKeys(key, CLIENT_KEY.getPublic()));
        server.start();
        // the password comes from the variable named by password-env (a system property stands in for it here)
        System.setProperty(PASSWORD_ENV, "s3cret");
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.stop(true);
        System.clearProperty(PASSWORD_ENV);
    }

    @AfterEach
    void removeSftpPartner() throws IOException {
        Files.deleteIfExists(PARTNERS.resolve("sftp-mons.yaml"));
    }

    /** The Mons layout under another id, with an sftp: block pointing at the test server. */
    private void sftpPartner(String user, String after) throws IOException {
        monsOverSftp("sftp-mons", "  host: 127.0.0.1\n"
                + "  port: " + server.getPort() + "\n"
                + "  user: " + user + "\n"
                + "  password-env: " + PASSWORD_ENV + "\n"
                + "  remote-dir: /outbox\n"
                + "  pattern: \"*.csv\"\n"
                + "  after: " + after + "\n"
                + "  host-key: \"" + hostKeyFingerprint() + "\"\n");
    }

    /** Host keys are checked strictly: the partner YAML pins the test server's key by its fingerprint. */
    private static String hostKeyFingerprint() throws IOException {
        try {
            KeyPair hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next();
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Test
    void partnerFilesFetchedOverSftpAreImportedOnceAndRemovedFromTheServer() throws Exception {
        Path outbox = Files.createDirectories(remoteRoot.resolve("outbox"));
        Files.copy(MONS, outbox.resolve("boostcamp.csv"));
        Files.writeString(outbox.resolve("readme.txt"), "not a csv");
        sftpPartner("mic", "delete");

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
        List<Map<String, Object>> imports = jdbc.queryForList("select * from ops.import order by id");
        assertThat(imports).hasSize(1);
        Map<String, Object> imp = imports.get(0);
        assertThat(run.get("ids")).isEqualTo("{" + imp.get("id") + "}");
        assertThat(imp).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("partner", "sftp-mons")
                .containsEntry("file_name", "boostcamp.csv").containsEntry("trigger", "ADMIN");
        assertThat(((Number) imp.get("rows_loaded")).longValue()).isPositive();
        assertThat(outbox.resolve("boostcamp.csv")).doesNotExist();
        assertThat(outbox.resolve("readme.txt")).exists();
        try (Stream<Path> left = Files.walk(INBOX.resolve("incubators/sftp-mons"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        long startups = jdbc.queryForObject("select count(*) from core.startup", Long.class);

        // the same content offered again (kept on the server this time) is recognised and not imported twice
        sftpPartner("mic", "keep");
        Files.copy(MONS, outbox.resolve("boostcamp-copy.csv"));
        Map<String, Object> second = pullAndWait();
        assertThat(second.get("status")).isEqualTo("SUCCEEDED");
        assertThat(second.get("ids")).isEqualTo("{}");
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isEqualTo(1);
        assertThat(outbox.resolve("boostcamp-copy.csv")).exists();
        assertThat(jdbc.queryForObject("select count(*) from core.startup", Long.class)).isEqualTo(startups);
    }

    @Test
    void aPrivateKeyLogsInAndFetchedFilesAreMovedAside() throws Exception {
        CLIENT_KEY = KeyUtils.generateKeyPair("ssh-rsa", 2048);
        Path keyFile = writePrivateKey(CLIENT_KEY, remoteRoot.resolveSibling(remoteRoot.getFileName() + ".id_rsa"));
        Path outbox = Files.createDirectories(remoteRoot.resolve("outbox"));
        Files.copy(MONS, outbox.resolve("moved.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        monsOverSftp("sftp-mons", "  host: 127.0.0.1\n  port: " + server.getPort()
                + "\n  user: keyed\n  private-key-file: " + keyFile + "\n  remote-dir: /outbox\n  after: move\n"
                + "  host-key: \"" + hostKeyFingerprint() + "\"\n");

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("select status from ops.import", String.class)).isEqualTo("LOADED_WITH_REJECTS");
        assertThat(outbox.resolve("moved.csv")).doesNotExist();
        assertThat(outbox.resolve("done/moved.csv")).exists();
    }

    @Test
    void aRefusedLoginFailsThePullRunWithItsReason() throws Exception {
        Files.createDirectories(remoteRoot.resolve("outbox"));
        sftpPartner("intruder", "keep");
        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("message")).contains("sftp-mons");
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();
    }

    @Test
    void withoutAnySftpBlockThePullIsNotConfigured() {
        Answer a = post(Who.ADMIN, "/api/pulls/partners", null);
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.json().get("error").asText()).contains("not configured");
    }
}
