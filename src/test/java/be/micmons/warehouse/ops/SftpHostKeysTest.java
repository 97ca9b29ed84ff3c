package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strict host-key checking of the partner SFTP routes (camel-ftp, JSch) against an in-process MINA
 * SSHD server with ed25519, ECDSA and RSA host and client keys, pinned by fingerprint, by public key
 * or by a known_hosts file; a key that is not the pinned one refuses the pull, names the key's
 * fingerprint and touches nothing; a file still being written on the server is not taken.
 */
class SftpHostKeysTest extends SftpTestBase {
    private SshServer server;
    private Path remoteRoot;
    private Path outbox;

    @AfterEach
    void stop() throws IOException {
        Files.deleteIfExists(PARTNERS.resolve("sftp-keys.yaml"));
        if (server != null) {
            server.stop(true);
        }
    }

    private static KeyPair keyPair(String type) throws Exception {
        return switch (type) {
            case "ed25519" -> KeyUtils.generateKeyPair("ssh-ed25519", 256);
            case "ecdsa" -> KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
            default -> KeyUtils.generateKeyPair("ssh-rsa", 3072);
        };
    }

    /** A server presenting hostKey, letting in user "keyed" with clientKey. */
    private void start(KeyPair hostKey, PublicKey clientKey) throws IOException {
        remoteRoot = Files.createTempDirectory("mic-sftp-keys-");
        outbox = Files.createDirectories(remoteRoot.resolve("outbox"));
        server = sftpServer(remoteRoot, KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> "keyed".equals(user) && KeyUtils.compareKeys(key, clientKey));
        server.start();
    }

    private Path privateKeyFile(KeyPair clientKey) throws Exception {
        return writePrivateKey(clientKey, remoteRoot.resolveSibling(remoteRoot.getFileName() + ".id"));
    }

    private void partner(Path keyFile, String hostKeyLines) throws Exception {
        monsOverSftp("sftp-keys", "  host: 127.0.0.1\n  port: " + server.getPort()
                + "\n  user: keyed\n  private-key-file: " + keyFile + "\n  remote-dir: /outbox\n  after: delete\n"
                + hostKeyLines);
    }

    private static String fingerprint(KeyPair kp) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic());
    }

    @ParameterizedTest(name = "{0} host and client keys, pinned by {1}")
    @CsvSource({"ed25519, fingerprint", "ed25519, known-hosts", "ecdsa, public-key", "ecdsa, known-hosts",
                "rsa, fingerprint", "rsa, public-key"})
    void eachKeyTypeLogsInAndFetches(String type, String pin) throws Exception {
        KeyPair hostKey = keyPair(type);
        KeyPair clientKey = keyPair(type);
        start(hostKey, clientKey.getPublic());
        Files.copy(MONS, outbox.resolve("boostcamp.csv"));
        String line = switch (pin) {
            case "fingerprint" -> "  host-key: \"" + fingerprint(hostKey) + "\"\n";
            case "public-key" -> "  host-key: \"" + PublicKeyEntry.toString(hostKey.getPublic()) + "\"\n";
            default -> {
                Path knownHosts = remoteRoot.resolveSibling(remoteRoot.getFileName() + ".known_hosts");
                Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                        + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
                yield "  known-hosts: " + knownHosts + "\n";
            }
        };
        partner(privateKeyFile(clientKey), line);

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
        Map<String, Object> imp = jdbc.queryForMap("select * from ops.import");
        assertThat(imp).containsEntry("status", "LOADED_WITH_REJECTS").containsEntry("partner", "sftp-keys")
                .containsEntry("file_name", "boostcamp.csv");
        assertThat(run.get("ids")).isEqualTo("{" + imp.get("id") + "}");
        assertThat(outbox.resolve("boostcamp.csv")).doesNotExist();
    }

    @Test
    void aPinnedKeyThatDoesNotMatchRefusesThePullNamingTheServersFingerprint() throws Exception {
        KeyPair hostKey = keyPair("ed25519");
        KeyPair clientKey = keyPair("ed25519");
        start(hostKey, clientKey.getPublic());
        Files.copy(MONS, outbox.resolve("boostcamp.csv"));
        String pinned = fingerprint(keyPair("ed25519"));
        partner(privateKeyFile(clientKey), "  host-key: \"" + pinned + "\"\n");

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("message")).contains("sftp-keys").contains(fingerprint(hostKey))
                .contains("does not match").contains(pinned);
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();
        assertThat(outbox.resolve("boostcamp.csv")).exists();
        assertNothingDownloaded();
    }

    @Test
    void aKnownHostsFileWithAnotherKeyRefusesThePull() throws Exception {
        KeyPair hostKey = keyPair("ecdsa");
        KeyPair clientKey = keyPair("ecdsa");
        start(hostKey, clientKey.getPublic());
        Files.copy(MONS, outbox.resolve("boostcamp.csv"));
        Path knownHosts = remoteRoot.resolveSibling(remoteRoot.getFileName() + ".known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(keyPair("ecdsa").getPublic()) + "\n");
        partner(privateKeyFile(clientKey), "  known-hosts: " + knownHosts + "\n");

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("message")).contains(fingerprint(hostKey)).contains(knownHosts.toString());
        assertThat(outbox.resolve("boostcamp.csv")).exists();
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();
    }

    @Test
    void withNoPinAndNoKnownHostsTheUnknownKeyIsRefusedAndItsFingerprintSaid() throws Exception {
        KeyPair hostKey = keyPair("rsa");
        KeyPair clientKey = keyPair("rsa");
        start(hostKey, clientKey.getPublic());
        Files.copy(MONS, outbox.resolve("boostcamp.csv"));
        partner(privateKeyFile(clientKey), "");

        Map<String, Object> run = pullAndWait();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("message")).contains("unknown").contains(fingerprint(hostKey));
        assertThat(outbox.resolve("boostcamp.csv")).exists();
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();
    }

    @Test
    void aFileStillBeingWrittenOnTheServerIsNotTaken() throws Exception {
        KeyPair hostKey = keyPair("ecdsa");
        KeyPair clientKey = keyPair("ecdsa");
        start(hostKey, clientKey.getPublic());
        Path done = Files.copy(MONS, outbox.resolve("a-complete.csv"));
        Files.setLastModifiedTime(done, FileTime.from(Instant.now().minusSeconds(3600)));
        Path growing = outbox.resolve("b-growing.csv");
        List<String> lines = Files.readAllLines(MONS);
        Files.writeString(growing, lines.get(0) + "\n");
        partner(privateKeyFile(clientKey), "  host-key: \"" + fingerprint(hostKey) + "\"\n");

        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int i = 1;
            while (writing.get()) {
                try {
                    Files.writeString(growing, lines.get(1 + i++ % (lines.size() - 1)) + "\n", StandardOpenOption.APPEND);
                    Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        writer.start();
        Map<String, Object> run;
        try {
            run = pullAndWait();
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForList("select file_name from ops.import", String.class)).containsExactly("a-complete.csv");
        assertThat(done).doesNotExist();
        assertThat(growing).exists();
        assertNothingDownloaded();
    }

    private void assertNothingDownloaded() throws IOException {
        Path local = INBOX.resolve("incubators/sftp-keys");
        if (Files.exists(local)) {
            try (Stream<Path> left = Files.walk(local)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
