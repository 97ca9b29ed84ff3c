package be.micmons.warehouse.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/** An address blocked by {@link SignInThrottle} gets 429 for any request carrying credentials. */
public class SignInThrottleFilter extends OncePerRequestFilter {
    private final SignInThrottle throttle;

    public SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") != null) {
            Duration left = throttle.blocked(request.getRemoteAddr());
            if (left != null) {
                long seconds = Math.max(1, left.toSeconds());
                response.setHeader("Retry-After", Long.toString(seconds));
                Refusal.send(response, 429, "Too Many Requests",
                        "too many failed sign-ins from this address; try again in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
