package be.micmons.warehouse.admin;

import be.micmons.warehouse.security.Accounts;
import be.micmons.warehouse.security.SecurityProperties;
import be.micmons.warehouse.security.AuditFilter;
import be.micmons.warehouse.security.AuditLog;
import be.micmons.warehouse.security.BrowserSafetyFilter;
import be.micmons.warehouse.security.CachingAuthenticationProvider;
import be.micmons.warehouse.security.RequestBodyLimitFilter;
import be.micmons.warehouse.security.SignInThrottle;
import be.micmons.warehouse.security.SignInThrottleFilter;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * HTTP Basic with two roles (DESIGN §9): VIEWER reads, ADMIN also acts. Health is public (its
 * details for a signed-in account only). Passwords are stored hashed (bcrypt) and compared by
 * Spring Security in constant time; a verified pair is remembered briefly so reads do not pay
 * bcrypt each time. Cross-site state-changing requests are refused before anything runs, failed
 * sign-ins are throttled per address, and every state-changing request of an account is audited.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {
    public static final String ADMIN = Accounts.ADMIN;
    public static final String VIEWER = Accounts.VIEWER;

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties props, PasswordEncoder encoder) throws IOException {
        return new InMemoryUserDetailsManager(Accounts.load(props, encoder));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder,
                                                SecurityProperties props, AuditLog audit, SignInThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new CachingAuthenticationProvider(dao, props.credentialsCache(), audit, throttle));
    }

    /** Before Spring Security: a cross-site request is refused even before its credentials are looked at. */
    @Bean
    FilterRegistrationBean<BrowserSafetyFilter> browserSafety(SecurityProperties props) {
        var r = new FilterRegistrationBean<>(new BrowserSafetyFilter(props.allowedOrigins()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return r;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(SecurityProperties props) {
        var r = new FilterRegistrationBean<>(new RequestBodyLimitFilter(props.maxRequestBody().toBytes()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return r;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, AuditLog audit,
                            SignInThrottle throttle) throws Exception {
        http.csrf(c -> c.disable()) // stateless Basic auth; cross-site requests are refused by BrowserSafetyFilter
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(manager)
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterAfter(new AuditFilter(audit), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .requestMatchers("/actuator/**").hasRole(VIEWER)
                        .anyRequest().hasRole(VIEWER));
        return http.build();
    }
}
