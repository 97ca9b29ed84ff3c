package be.micmons.warehouse.sftp;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.intake.Archive;
import be.micmons.warehouse.intake.IntakeService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches one partner's files over SFTP (Apache MINA SSHD client) and imports each one. A file is
 * downloaded under a dot name into {@code <inbox>/incubators/<id>/.sftp/} (not watched), renamed
 * when complete, then imported; a file that cannot be imported goes to {@code <id>/.failed/} like
 * a dropped one. The remote file is deleted or moved only once its import is recorded.
 */
@Component
public class SftpFetcher {
    private static final Logger log = LoggerFactory.getLogger(SftpFetcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SAFE_NAME = Pattern.compile("[^/\\\\\\x00-\\x1f]{1,255}");

    private final IntakeService intake;
    private final MicProperties props;
    private final Environment env;
    private final JdbcTemplate jdbc;

    public SftpFetcher(IntakeService intake, MicProperties props, Environment env, JdbcTemplate jdbc) {
        this.intake = intake;
        this.props = props;
        this.env = env;
        this.jdbc = jdbc;
    }

    /** Fetches and imports the partner's new files; returns the import ids. */
    public List<Long> fetch(String partner, SftpSettings s, String trigger) throws Exception {
        String password = null;
        if (s.passwordEnv() != null && !s.passwordEnv().isBlank()) {
            password = env.getProperty(s.passwordEnv());
            if (password == null) {
                throw new IllegalStateException("the environment variable " + s.passwordEnv()
                        + " named by sftp.password-env is not set");
            }
        }
        Path folder = props.inboxDir().resolve("incubators").resolve(partner);
        Path staging = Files.createDirectories(folder.resolve(".sftp"));
        Path failed = folder.resolve(".failed");
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + s.patternOrDefault());
        List<Long> ids = new ArrayList<>();

        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            String fp = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            if (s.hostKey() == null || s.hostKey().isBlank()) {
                log.warn("SFTP {} ({}): host key {} accepted without check; set sftp.host-key to pin it", partner, address, fp);
                return true;
            }
            boolean ok = s.hostKey().trim().equals(fp);
            if (!ok) {
                log.error("SFTP {} ({}): host key {} does not match sftp.host-key {}", partner, address, fp, s.hostKey());
            }
            return ok;
        });
        client.start();
        try (ClientSession session = client.connect(s.user(), s.host(), s.portOrDefault()).verify(TIMEOUT).getSession()) {
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            if (s.privateKeyFile() != null && !s.privateKeyFile().isBlank()) {
                for (KeyPair kp : new FileKeyPairProvider(Path.of(s.privateKeyFile())).loadKeys(session)) {
                    session.addPublicKeyIdentity(kp);
                }
            }
            session.auth().verify(TIMEOUT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String dir = s.remoteDirOrDefault();
                List<String> names = new ArrayList<>();
                for (SftpClient.DirEntry e : sftp.readDir(dir)) {
                    String name = e.getFilename();
                    if (e.getAttributes().isRegularFile() && isSafe(name) && glob.matches(Path.of(name))) {
                        names.add(name);
                    }
                }
                names.sort(null);
                for (String name : names) {
                    String remote = dir + "/" + name;
                    Path local = download(sftp, remote, staging, name);
                    String sha = Archive.sha256(local);
                    if (alreadyLoaded(partner, sha)) {
                        Files.deleteIfExists(local);
                        log.debug("SFTP {}: {} already loaded (same content), not imported again", partner, name);
                    } else {
                        IntakeService.Outcome outcome = intake.importFile(local, "incubators", partner, trigger, failed);
                        if ("RUNNING".equals(outcome.status())) {
                            // the same content is being imported elsewhere: keep the remote file until it is done
                            Files.deleteIfExists(local);
                            continue;
                        }
                        ids.add(outcome.importId());
                    }
                    afterImport(sftp, s, remote, name, partner);
                }
                log.info("SFTP {}: {} files matching {} in {}, imports {}", partner, names.size(),
                        s.patternOrDefault(), dir, ids);
            }
        } finally {
            client.stop();
        }
        return ids;
    }

    /** A plain file name from the server: no path, no hidden file, nothing to climb out with. */
    static boolean isSafe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    private static Path download(SftpClient sftp, String remote, Path staging, String name) throws IOException {
        Path tmp = staging.resolve("." + name + ".part");
        Path target = staging.resolve(name);
        if (!target.normalize().getParent().equals(staging.normalize())) {
            throw new IOException("refusing the remote file name " + name);
        }
        try (InputStream in = sftp.read(remote)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private boolean alreadyLoaded(String partner, String sha) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from ops.import where source = 'incubators' and partner = ? and sha256 = ?
                               and status in ('LOADED', 'LOADED_WITH_REJECTS', 'HELD'))""",
                Boolean.class, partner, sha));
    }

    private static void afterImport(SftpClient sftp, SftpSettings s, String remote, String name, String partner)
            throws IOException {
        switch (s.afterOrDefault()) {
            case "delete" -> sftp.remove(remote);
            case "move" -> {
                String to = s.moveToOrDefault();
                try {
                    sftp.stat(to);
                } catch (IOException missing) {
                    sftp.mkdir(to);
                }
                String target = to + "/" + name;
                try {
                    sftp.remove(target);
                } catch (IOException none) {
                    // nothing there yet
                }
                sftp.rename(remote, target);
            }
            default -> {
                // keep: fetched again next time, and recognised by its content
            }
        }
        log.debug("SFTP {}: {} {}", partner, remote, s.afterOrDefault());
    }
}
