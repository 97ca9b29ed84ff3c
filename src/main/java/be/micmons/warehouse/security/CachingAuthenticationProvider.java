package be.micmons.warehouse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic sends the password with every request, and bcrypt costs ~100 ms of CPU by design:
 * credentials verified once are remembered for a short while under a SHA-256 of name and password
 * (never the password itself), so reads are not dominated by sign-in (issue #14). A wrong password
 * is never cached: it is checked, audited and counted by the throttle every time.
 */
public class CachingAuthenticationProvider implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final Cache<String, Authentication> verified;
    private final AuditLog audit;
    private final SignInThrottle throttle;

    public CachingAuthenticationProvider(AuthenticationProvider delegate, Duration ttl, AuditLog audit,
                                         SignInThrottle throttle) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
        this.audit = audit;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String name = request.getName();
        Object credentials = request.getCredentials();
        String key = credentials == null ? null : key(name, credentials.toString());
        if (key != null) {
            Authentication known = verified.getIfPresent(key);
            if (known != null) {
                UsernamePasswordAuthenticationToken copy = UsernamePasswordAuthenticationToken.authenticated(
                        known.getPrincipal(), null, known.getAuthorities());
                copy.setDetails(request.getDetails());
                return copy;
            }
        }
        try {
            Authentication ok = delegate.authenticate(request);
            if (ok != null && key != null) {
                verified.put(key, ok);
            }
            return ok;
        } catch (BadCredentialsException e) {
            String from = request.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
            audit.record(name, "SIGN_IN_FAILED", null, "wrong name or password", from);
            if (from != null) {
                throttle.failed(from);
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static String key(String name, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
