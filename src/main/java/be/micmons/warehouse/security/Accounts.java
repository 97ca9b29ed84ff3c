package be.micmons.warehouse.security;

import be.micmons.warehouse.privacy.KeyFiles;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts (DESIGN §9): the two configured ones, whose password, when unset, is generated
 * once and kept in a file of mode 600 (it survives restarts; the log says where it is), and the
 * named accounts of {@code mic.security.users-file} ({@code name}, bcrypt {@code password-hash},
 * {@code role} ADMIN or VIEWER).
 */
public final class Accounts {
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";

    private Accounts() {
    }

    /** One line of the users file. */
    public record NamedAccount(String name, @JsonProperty("password-hash") String passwordHash, String role) {}

    private record UsersFile(List<NamedAccount> users) {}

    public static List<UserDetails> load(SecurityProperties props, PasswordEncoder encoder) throws IOException {
        Map<String, UserDetails> users = new LinkedHashMap<>();
        String admin = passwordOrKept(props.adminPassword(), props.adminUser(), props.generatedPasswordsFile());
        String viewer = passwordOrKept(props.viewerPassword(), props.viewerUser(), props.generatedPasswordsFile());
        users.put(props.adminUser(), User.withUsername(props.adminUser()).password(encoder.encode(admin))
                .roles(ADMIN, VIEWER).build());
        users.put(props.viewerUser(), User.withUsername(props.viewerUser()).password(encoder.encode(viewer))
                .roles(VIEWER).build());
        for (NamedAccount a : named(props.usersFile())) {
            if (users.containsKey(a.name())) {
                throw new IllegalStateException(props.usersFile() + ": the account '" + a.name()
                        + "' is defined twice (or is one of the two configured accounts)");
            }
            users.put(a.name(), account(a, props.usersFile()));
        }
        return new ArrayList<>(users.values());
    }

    static List<NamedAccount> named(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        JsonNode root = yaml.readTree(file.toFile());
        List<NamedAccount> accounts;
        if (root == null || root.isNull() || root.isMissingNode()) {
            accounts = List.of();
        } else if (root.isArray()) {
            accounts = List.of(yaml.treeToValue(root, NamedAccount[].class));
        } else {
            UsersFile u = yaml.treeToValue(root, UsersFile.class);
            accounts = u.users() == null ? List.of() : u.users();
        }
        log.info("{} named account(s) read from {}", accounts.size(), file.toAbsolutePath().normalize());
        return accounts;
    }

    private static UserDetails account(NamedAccount a, Path file) {
        if (a.name() == null || a.name().isBlank() || a.passwordHash() == null || a.passwordHash().isBlank()) {
            throw new IllegalStateException(file + ": every account needs a name and a password-hash");
        }
        String hash = a.passwordHash().strip();
        if (!hash.startsWith("{")) {
            if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                throw new IllegalStateException(file + ": the password-hash of '" + a.name()
                        + "' is not a bcrypt hash ($2b$12$...; e.g. htpasswd -nbBC 12 name password)");
            }
            hash = "{bcrypt}" + hash;
        }
        String role = a.role() == null ? "" : a.role().strip().toUpperCase(Locale.ROOT);
        return switch (role) {
            case ADMIN -> User.withUsername(a.name()).password(hash).roles(ADMIN, VIEWER).build();
            case VIEWER -> User.withUsername(a.name()).password(hash).roles(VIEWER).build();
            default -> throw new IllegalStateException(file + ": the role of '" + a.name()
                    + "' must be ADMIN or VIEWER");
        };
    }

    /** The configured password, else the one generated on a first start and kept in the file. */
    static synchronized String passwordOrKept(String configured, String user, Path file) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Properties kept = new Properties();
        if (Files.isRegularFile(file)) {
            kept.load(new StringReader(Files.readString(file)));
        }
        String password = kept.getProperty(user);
        if (password == null) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            kept.setProperty(user, password);
            StringWriter w = new StringWriter();
            kept.store(w, "Passwords generated for the accounts left without one (mic.security.*-password)");
            KeyFiles.privateDir(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, w.toString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            log.warn("No password configured for user '{}': one was generated and kept in {} (mode 600)", user,
                    file.toAbsolutePath().normalize());
        } else {
            KeyFiles.restrict(file);
            log.info("No password configured for user '{}': using the one kept in {}", user,
                    file.toAbsolutePath().normalize());
        }
        return password;
    }
}
