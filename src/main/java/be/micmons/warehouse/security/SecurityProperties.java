package be.micmons.warehouse.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The two accounts of DESIGN §4 (a password left unset is generated once and kept in
 * {@code generated-passwords-file}), the named accounts of {@code users-file} (DESIGN §9), and
 * the browser and sign-in protections.
 */
@ConfigurationProperties("mic.security")
public record SecurityProperties(@DefaultValue("admin") String adminUser, String adminPassword,
                                 @DefaultValue("viewer") String viewerUser, String viewerPassword,
                                 @DefaultValue("./config/users.yaml") Path usersFile,
                                 @DefaultValue("./data/keys/generated-passwords.properties") Path generatedPasswordsFile,
                                 @DefaultValue List<String> allowedOrigins,
                                 @DefaultValue("1MB") DataSize maxRequestBody,
                                 @DefaultValue("60s") Duration credentialsCache,
                                 @DefaultValue SignInThrottle signInThrottle) {

    /** A burst of failed sign-ins from one address: {@code max-failures} within {@code window} blocks it for {@code block}. */
    public record SignInThrottle(@DefaultValue("10") int maxFailures, @DefaultValue("1m") Duration window,
                                 @DefaultValue("5m") Duration block) {}
}
