package be.micmons.warehouse.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Audits every state-changing request of a signed-in account at the HTTP layer (DESIGN §9), so an
 * endpoint added later is audited with no code of its own: action = method and route pattern,
 * target = its path variables (or the path), detail = the answer's status. Runs inside the
 * security chain, after authentication, so it also sees a refused (403) attempt.
 */
public class AuditFilter extends OncePerRequestFilter {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog audit;

    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        RuntimeException failure = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (e instanceof RuntimeException r) {
                failure = r;
            }
            throw e;
        } finally {
            Authentication after = SecurityContextHolder.getContext().getAuthentication();
            Authentication actor = signedIn(after) ? after : who;
            if (signedIn(actor)) {
                record(request, response, actor, failure);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, Authentication actor,
                        RuntimeException failure) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = request.getRequestURI();
        String action = request.getMethod() + " " + (pattern instanceof String p ? p : path);
        String target = path;
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && !vars.isEmpty()) {
            target = new TreeMap<>(vars).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
        int status = failure != null && response.getStatus() < 400 ? 500 : response.getStatus();
        String detail = "status " + status + (request.getQueryString() == null ? "" : ", query " + request.getQueryString());
        audit.record(actor.getName(), action, target, detail, request.getRemoteAddr());
    }

    private static boolean signedIn(Authentication a) {
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }
}
