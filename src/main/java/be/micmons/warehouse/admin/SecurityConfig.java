package be.micmons.warehouse.admin;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with two roles (DESIGN §9): VIEWER reads, ADMIN also acts. Health is public.
 * Passwords are stored hashed (bcrypt) and compared by Spring Security in constant time.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties props, PasswordEncoder encoder) {
        String admin = passwordOrGenerated(props.adminPassword(), props.adminUser());
        String viewer = passwordOrGenerated(props.viewerPassword(), props.viewerUser());
        return new InMemoryUserDetailsManager(
                User.withUsername(props.adminUser()).password(encoder.encode(admin)).roles(ADMIN, VIEWER).build(),
                User.withUsername(props.viewerUser()).password(encoder.encode(viewer)).roles(VIEWER).build());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable()) // stateless Basic auth, no session cookie to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .requestMatchers("/actuator/**").hasRole(VIEWER)
                        .anyRequest().hasRole(VIEWER));
        return http.build();
    }

    private static String passwordOrGenerated(String configured, String user) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        log.warn("No password configured for user '{}': generated for this run: {}", user, generated);
        return generated;
    }
}
