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
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(Math.max(1, left.toSeconds())));
                response.setContentType("application/json");
                response.getWriter().write("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"too many"
                        + " failed sign-ins from this address; try again in " + Math.max(1, left.toSeconds())
                        + " s\"}");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
