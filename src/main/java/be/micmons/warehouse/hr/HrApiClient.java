package be.micmons.warehouse.hr;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Asks one page of {@code GET {url}/declarations?since=[&page=]} through the Camel route
 * {@code hr-api-page} (routes/hr-api.camel.yaml: camel-http, its retries and Retry-After), and turns
 * whatever went wrong into a plain-words {@link HrApiException} for the import row. The answer is
 * not returned: the route hands its stream to the caller's {@link PageTarget} while the connection
 * is open, so a page is never held whole.
 */
@Component
public class HrApiClient {
    static final String ROUTE = "direct:hr-api-page";
    /** Exchange properties the route and {@link HrApiPageReader} read. */
    static final String URL = "hrApiUrl";
    static final String TARGET = "hrApiPageTarget";
    static final String LABEL = "hrApiPageLabel";
    static final String MAX_BYTES = "hrApiMaxPageBytes";

    /** The pull cannot go on; the message names the cause for the import row. */
    static final class HrApiException extends Exception {
        HrApiException(String message) {
            super(message);
        }

        HrApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads one answer from its stream, inside the route, while the connection is open. */
    interface PageTarget {
        ApiPage.Read read(InputStream body) throws ApiPage.NotAPage, IOException;
    }

    private final ProducerTemplate camel;

    public HrApiClient(ProducerTemplate camel) {
        this.camel = camel;
    }

    static String query(Instant since, Integer page) {
        return "since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + (page == null ? "" : "&page=" + page);
    }

    /**
     * One page: the first one when {@code page} is null (the server's own first page, DESIGN §5.4).
     *
     * @param label how the page is named in messages ("the first page", "page 3")
     */
    ApiPage.Read page(HrApiProperties settings, Instant since, Integer page, String label, PageTarget target)
            throws HrApiException {
        String url = settings.baseUrl() + "/declarations";
        String query = query(since, page);
        String shown = url + "?" + query;
        Exchange done = camel.send(ROUTE, ex -> {
            ex.setProperty(URL, url);
            ex.setProperty(TARGET, target);
            ex.setProperty(LABEL, label);
            ex.setProperty(MAX_BYTES, settings.maxPageBytes().toBytes());
            ex.getIn().setHeader(Exchange.HTTP_QUERY, query);
            ex.getIn().setHeader("Accept", "application/json");
            if (settings.token() != null && !settings.token().isBlank()) {
                ex.getIn().setHeader("Authorization", "Bearer " + settings.token().strip());
            }
        });
        Exception failure = done.getException();
        if (failure == null) {
            return done.getIn().getBody(ApiPage.Read.class);
        }
        int attempts = 1 + done.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        throw explain(failure, settings, shown, attempts);
    }

    private static HrApiException explain(Exception failure, HrApiProperties settings, String shown, int attempts) {
        HrApiException own = find(failure, HrApiException.class);
        if (own != null) {
            return own;
        }
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            int status = http.getStatusCode();
            if (status == 401 || status == 403) {
                return new HrApiException("The HR API refused the credentials (HTTP " + status
                        + (status == 401 ? " Unauthorized" : " Forbidden") + ") at " + shown
                        + ": check mic.hr-api.token" + (settings.token() == null || settings.token().isBlank()
                        ? " (it is not set)" : "") + ". Nothing was loaded; the next pull starts from the same point.");
            }
            if (status >= 300 && status < 400) {
                return redirect(status, http.getRedirectLocation(), shown);
            }
            if (status == 429 || status >= 500) {
                return new HrApiException("The HR API at " + shown + " answered HTTP " + status + " after " + attempts
                        + " attempts. Nothing was loaded; the next pull starts from the same point.");
            }
            return new HrApiException("The HR API answered HTTP " + status + " at " + shown
                    + ": check mic.hr-api.url. Nothing was loaded.");
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            String m = io.getMessage();
            return new HrApiException("The HR API at " + shown + " cannot be reached (" + io.getClass().getSimpleName()
                    + (m == null || m.isBlank() ? "" : ": " + m) + ") after " + attempts
                    + " attempts. Nothing was loaded; the next pull starts from the same point.", io);
        }
        return new HrApiException("The HR API pull failed because of an unexpected error at " + shown + ": " + failure
                + ". Nothing was loaded.", failure);
    }

    /**
     * The pull follows no redirect: the bearer token must never reach another origin, and a paging API
     * has no reason to move between pages. The message says where it pointed and what to do.
     */
    private static HrApiException redirect(int status, String location, String shown) {
        URI from = URI.create(shown);
        URI to = null;
        try {
            to = location == null || location.isBlank() ? null : from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            // an unreadable Location: said as it is
        }
        if (to != null && sameOrigin(from, to)) {
            return new HrApiException("The HR API answered HTTP " + status + " at " + shown + ", redirecting to " + to
                    + " on the same server. The pull does not follow redirects: set mic.hr-api.url to the address"
                    + " the API answers at. Nothing was loaded.");
        }
        return new HrApiException("The HR API answered HTTP " + status + " at " + shown + ", redirecting to another"
                + " origin (" + (to == null ? "Location " + location : origin(to)) + "). The pull refused to follow it,"
                + " so the bearer token was not sent there; if the API really moved, set mic.hr-api.url. Nothing was loaded.");
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equals(u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
