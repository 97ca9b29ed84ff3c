package be.micmons.warehouse.sftp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The optional {@code sftp:} block of {@code config/partners/<id>.yaml}: where the partner's
 * files are fetched from each night.
 *
 * @param passwordEnv    name of the environment variable (or Spring property) holding the password
 * @param privateKeyFile an OpenSSH private key file, instead of (or besides) a password
 * @param remoteDir      folder on the server, default the login folder
 * @param pattern        glob of the file names to fetch, default {@code *.csv}
 * @param after          what becomes of a fetched remote file: delete, move (into move-to) or keep
 * @param moveTo         the remote folder for after: move, default {@code done} under remote-dir
 * @param hostKey        optional SHA256 fingerprint of the server's host key ({@code SHA256:…}); checked when set
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SftpSettings(String host, Integer port, String user,
                           @JsonProperty("password-env") String passwordEnv,
                           @JsonProperty("private-key-file") String privateKeyFile,
                           @JsonProperty("remote-dir") String remoteDir,
                           String pattern, String after,
                           @JsonProperty("move-to") String moveTo,
                           @JsonProperty("host-key") String hostKey) {
    static final Set<String> AFTER = Set.of("delete", "move", "keep");

    int portOrDefault() {
        return port == null ? 22 : port;
    }

    String remoteDirOrDefault() {
        return remoteDir == null || remoteDir.isBlank() ? "." : remoteDir;
    }

    String patternOrDefault() {
        return pattern == null || pattern.isBlank() ? "*.csv" : pattern;
    }

    String afterOrDefault() {
        return after == null ? "keep" : after;
    }

    String moveToOrDefault() {
        return moveTo == null || moveTo.isBlank() ? remoteDirOrDefault() + "/done" : moveTo;
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
        return p;
    }
}
