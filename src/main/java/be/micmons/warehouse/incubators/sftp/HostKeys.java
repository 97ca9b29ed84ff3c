package be.micmons.warehouse.incubators.sftp;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strict host-key checking for the partner SFTP routes. camel-ftp (JSch) checks the server's key
 * against a known_hosts file with {@code strictHostKeyChecking=yes}; what it cannot do is check a
 * pinned {@code SHA256:} fingerprint, nor say the fingerprint of a key it refuses. So before each
 * pull the server's key is read here (the key exchange only: no login), compared with the pin or
 * the partner's known_hosts, and a refusal names the fingerprint; when the pin matches, the key is
 * written to the known_hosts file that the route's endpoint then checks again on its own connection.
 */
final class HostKeys {
    private static final int TIMEOUT_MS = 15_000;

    private HostKeys() {}

    /** A server key: its algorithm, its blob in base64 (as in known_hosts) and its OpenSSH fingerprint. */
    record Key(String type, String base64, String fingerprint) {
        static Key of(byte[] blob) {
            ByteBuffer b = ByteBuffer.wrap(blob);
            byte[] name = new byte[b.getInt()];
            b.get(name);
            return new Key(new String(name, StandardCharsets.US_ASCII), Base64.getEncoder().encodeToString(blob),
                    HostKeys.fingerprint(blob));
        }
    }

    /** The host as known_hosts names it: {@code host}, or {@code [host]:port} off port 22. */
    static String knownHostsName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** The key the server presents (the first of JSch's preferred algorithms the server has). */
    static Key scan(String host, int port) throws IOException {
        JSch jsch = new JSch();
        Capture capture = new Capture();
        jsch.setHostKeyRepository(capture);
        Session session;
        try {
            session = jsch.getSession("host-key-check", host, port);
        } catch (JSchException e) {
            throw new IOException(e.getMessage(), e);
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        try {
            session.connect(TIMEOUT_MS);
        } catch (JSchException e) {
            if (capture.key == null) {
                throw new IOException("the SFTP server " + host + ":" + port + " cannot be reached: " + e.getMessage(), e);
            }
        } finally {
            session.disconnect();
        }
        return capture.key;
    }

    /**
     * Checks the server's key and returns the known_hosts file the route must use; throws with the
     * fingerprint when the key is not the one expected.
     */
    static Path verify(String partner, SftpSettings s, Path generated) throws IOException {
        String name = knownHostsName(s.host(), s.portOrDefault());
        Key key = scan(s.host(), s.portOrDefault());
        if (s.hasKnownHosts()) {
            Path file = Path.of(s.knownHosts());
            if (!Files.isReadable(file)) {
                throw new IOException("sftp.known-hosts " + file + " cannot be read");
            }
            JSch jsch = new JSch();
            int found;
            try {
                jsch.setKnownHosts(file.toString());
                found = jsch.getHostKeyRepository().check(name, Base64.getDecoder().decode(key.base64()));
            } catch (JSchException e) {
                throw new IOException("sftp.known-hosts " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (found != HostKeyRepository.OK) {
                throw new IOException("the host key " + key.fingerprint() + " (" + key.type() + ") of " + name
                        + (found == HostKeyRepository.CHANGED ? " differs from the key of " + name + " in "
                        : " is not in ") + file + "; nothing was fetched");
            }
            return file;
        }
        if (!s.pinned()) {
            throw new IOException("the host key of " + name + " is unknown: " + key.fingerprint() + " (" + key.type()
                    + "); if it is the partner's server, pin it with sftp.host-key: \"" + key.fingerprint()
                    + "\" (or give sftp.known-hosts); nothing was fetched");
        }
        if (!matches(s.hostKey().trim(), key)) {
            throw new IOException("the host key " + key.fingerprint() + " (" + key.type() + ") of " + name
                    + " does not match sftp.host-key " + pinAsFingerprint(s.hostKey().trim())
                    + "; nothing was fetched");
        }
        Files.createDirectories(generated.getParent());
        Path tmp = generated.resolveSibling(generated.getFileName() + ".tmp");
        Files.writeString(tmp, name + " " + key.type() + " " + key.base64() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, generated, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return generated;
    }

    /** A pin is a {@code SHA256:} fingerprint or a public key line ({@code ssh-ed25519 AAAA… [comment]}). */
    static boolean matches(String pin, Key key) {
        if (pin.startsWith("SHA256:")) {
            return pin.replaceAll("=+$", "").equals(key.fingerprint());
        }
        String[] parts = pin.split("\\s+");
        return parts.length >= 2 && parts[0].equals(key.type()) && parts[1].equals(key.base64());
    }

    private static String pinAsFingerprint(String pin) {
        if (pin.startsWith("SHA256:")) {
            return pin;
        }
        String[] parts = pin.split("\\s+");
        try {
            return parts.length >= 2 ? fingerprint(Base64.getDecoder().decode(parts[1])) : pin;
        } catch (IllegalArgumentException e) {
            return "(not a public key)";
        }
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the key offered and refuses it, so the scan stops before any login. */
    private static final class Capture implements HostKeyRepository {
        Key key;

        @Override
        public int check(String host, byte[] blob) {
            key = Key.of(blob);
            return NOT_INCLUDED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {}

        @Override
        public void remove(String host, String type) {}

        @Override
        public void remove(String host, String type, byte[] key) {}

        @Override
        public String getKnownHostsRepositoryID() {
            return "host-key-check";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}
