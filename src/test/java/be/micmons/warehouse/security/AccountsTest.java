package be.micmons.warehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated passwords survive restarts in a 600 file; the users file is checked. */
class AccountsTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedPasswordIsKeptAndReusedAtTheNextStart() throws Exception {
        Path file = dir.resolve("keys/generated-passwords.properties");
        String first = Accounts.passwordOrKept(null, "admin", file);
        String viewer = Accounts.passwordOrKept("", "viewer", file);
        assertThat(Accounts.passwordOrKept(null, "admin", file)).as("after a restart").isEqualTo(first);
        assertThat(Accounts.passwordOrKept(null, "viewer", file)).isEqualTo(viewer).isNotEqualTo(first);
        assertThat(Accounts.passwordOrKept("configured", "admin", file)).isEqualTo("configured");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void theUsersFileIsOptionalAndChecked() throws Exception {
        assertThat(Accounts.named(dir.resolve("absent.yaml"))).isEmpty();
        Path users = Files.writeString(dir.resolve("users.yaml"),
                "- {name: carol, password-hash: '$2b$04$abcdefghijklmnopqrstuuN0cZ6G0t7mF0Sy5Y4l1yqH3bXc8mZ1G', role: ADMIN}\n");
        List<Accounts.NamedAccount> named = Accounts.named(users);
        assertThat(named).extracting(Accounts.NamedAccount::name).containsExactly("carol");
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"),
                "users:\n  - {name: dave, password-hash: 'plain text', role: ADMIN}\n");
        var props = new be.micmons.warehouse.security.SecurityProperties("admin", "a", "viewer", "v", wrong,
                dir.resolve("gen"), List.of(), org.springframework.util.unit.DataSize.ofMegabytes(1),
                java.time.Duration.ofSeconds(1), new be.micmons.warehouse.security.SecurityProperties.SignInThrottle(
                        10, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1)));
        assertThatThrownBy(() -> Accounts.load(props,
                org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder()))
                .hasMessageContaining("not a bcrypt hash");
    }
}
