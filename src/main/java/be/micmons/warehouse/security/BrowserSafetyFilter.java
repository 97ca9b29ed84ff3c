package be.micmons.warehouse.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import be.micmons.warehouse.privacy.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser safety (DESIGN §9): a state-changing request whose {@code Origin} (or, without it,
 * {@code Referer}) names another origin than the app's own, or whose {@code Sec-Fetch-Site} is
 * {@code cross-site}, is refused with 403 before anything runs. A script sends none of these
 * headers and is not affected; the console's own buttons are same-origin.
 */
public class BrowserSafetyFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(BrowserSafetyFilter.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final List<String> extraOrigins;

    /** @param extraOrigins origins also accepted as the app's own (e.g. the address of a reverse proxy) */
    public BrowserSafetyFilter(List<String> extraOrigins) {
        this.extraOrigins = extraOrigins.stream().map(BrowserSafetyFilter::normalize).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (STATE_CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String why = crossSite(request);
            if (why != null) {
                log.warn("Refused {} {} from {}: {}", request.getMethod(), LogSafe.text(request.getRequestURI()),
                        request.getRemoteAddr(), why);
                Refusal.send(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        "a request from another site may not change anything here");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why the request comes from another site, or null when it does not (or says nothing). */
    String crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
            return "Sec-Fetch-Site: cross-site";
        }
        String origin = request.getHeader("Origin");
        String header = "Origin";
        if (origin == null || origin.isBlank()) {
            origin = request.getHeader("Referer");
            header = "Referer";
        }
        if (origin == null || origin.isBlank()) {
            return null;
        }
        String claimed = normalize(origin);
        if (claimed.equals(own(request)) || extraOrigins.contains(claimed)) {
            return null;
        }
        // "null" (sandboxed frame, file:) or another host: neither is the app
        return header + " names another origin (" + LogSafe.text(claimed) + ")";
    }

    private static String own(HttpServletRequest request) {
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** scheme://host[:port] of a URL, port left out when it is the scheme's default; "null" when unparsable. */
    static String normalize(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "null";
            }
            return origin(u.getScheme(), u.getHost(), u.getPort());
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port < 0 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
