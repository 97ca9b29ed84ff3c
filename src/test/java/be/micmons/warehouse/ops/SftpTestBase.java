package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** The SFTP pull tests: an in-process Apache MINA SSHD server, the Mons sample as a partner behind it, a pull. */
abstract class SftpTestBase extends OpsTestBase {
    static final Path MONS = Path.of("samples/incubators/mons-mic/boostcamp-2009-2014.csv");

    /**
     * An SFTP server on 127.0.0.1 at a random port serving root, with the given host keys; not
     * started, so that the test sets who may log in first.
     */
    static SshServer sftpServer(Path root, KeyPairProvider hostKeys) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(hostKeys);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        return server;
    }

    /** Writes a client's private key in the OpenSSH format to file, unencrypted. */
    static Path writePrivateKey(KeyPair key, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "mic-test", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }

    /** The Mons layout under another id, with the given lines as its sftp: block. */
    static void monsOverSftp(String id, String sftpLines) throws IOException {
        String layout = Files.readString(Path.of("config/partners/mons-mic.yaml")).replace("id: mons-mic", "id: " + id);
        partnerLayout(id, layout + "\nsftp:\n" + sftpLines);
    }

    /** Asks for a pull of the partners as admin and waits for the run to end; returns the run. */
    Map<String, Object> pullAndWait() {
        Answer a = post(Who.ADMIN, "/api/pulls/partners", null);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        long run = a.json().get("run").asLong();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> !"RUNNING".equals(
                jdbc.queryForObject("select status from ops.pull_run where id = ?", String.class, run)));
        return jdbc.queryForMap("select id, status, import_ids::text as ids, message from ops.pull_run where id = ?", run);
    }
}
