package be.micmons.warehouse.incubators.sftp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The optional {@code sftp:} block of {@code config/partners/<id>.yaml}: where the partner's
 * files are fetched from. Each block becomes the parameters of one route of the
 * {@code partner-sftp} template ({@code routes/partners-sftp.camel.yaml}).
 *
 * @param passwordEnv    name of the environment variable (or Spring property) holding the password
 * @param privateKeyFile an OpenSSH private key file (ed25519, ECDSA or RSA), instead of a password
 * @param remoteDir      folder on the server, default the login folder
 * @param pattern        Ant-style pattern of the file names to fetch, default {@code *.csv}
 * @param after          what becomes of a fetched remote file once its import is recorded: delete, move or keep
 * @param moveTo         the remote folder for after: move, default {@code done} under remote-dir
 * @param knownHosts     an OpenSSH known_hosts file holding the server's key
 * @param hostKey        the server's key pinned: its {@code SHA256:…} fingerprint or its public key line
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SftpSettings(String host, Integer port, String user,
                           @JsonProperty("password-env") String passwordEnv,
                           @JsonProperty("private-key-file") String privateKeyFile,
                           @JsonProperty("remote-dir") String remoteDir,
                           String pattern, String after,
                           @JsonProperty("move-to") String moveTo,
                           @JsonProperty("known-hosts") String knownHosts,
                           @JsonProperty("host-key") String hostKey) {
    static final Set<String> AFTER = Set.of("delete", "move", "keep");

    int portOrDefault() {
        return port == null ? 22 : port;
    }

    /** The folder as camel-ftp takes it after {@code host:port/}: relative to the login folder unless it starts with /. */
    String directory() {
        return remoteDir == null || remoteDir.isBlank() || ".".equals(remoteDir.trim()) ? "" : remoteDir.trim();
    }

    String patternOrDefault() {
        return pattern == null || pattern.isBlank() ? "*.csv" : pattern;
    }

    String afterOrDefault() {
        return after == null ? "keep" : after;
    }

    /** camel-ftp's {@code move} expression for after: move. */
    String moveExpression() {
        String to = moveTo == null || moveTo.isBlank() ? "done" : moveTo.replaceAll("/+$", "");
        return to + "/${file:name}";
    }

    boolean pinned() {
        return hostKey != null && !hostKey.isBlank();
    }

    boolean hasKnownHosts() {
        return knownHosts != null && !knownHosts.isBlank();
    }

    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (host == null || host.isBlank()) {
            p.add("sftp.host is required");
        }
        if (user == null || user.isBlank()) {
            p.add("sftp.user is required");
        }
        if (port != null && (port < 1 || port > 65535)) {
            p.add("sftp.port must be between 1 and 65535");
        }
        if ((passwordEnv == null || passwordEnv.isBlank()) && (privateKeyFile == null || privateKeyFile.isBlank())) {
            p.add("sftp.password-env or sftp.private-key-file is required");
        }
        if (!AFTER.contains(afterOrDefault())) {
            p.add("sftp.after must be one of " + AFTER);
        }
        if (pinned() && hasKnownHosts()) {
            p.add("give sftp.host-key or sftp.known-hosts, not both");
        }
        return p;
    }
}
