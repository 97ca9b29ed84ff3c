package be.micmons.warehouse.hr;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page of {@code GET {url}/declarations?since=&page=} with the bearer token: timeouts, retries
 * with exponential backoff on 5xx, 429 and connection errors, and a plain-words failure otherwise.
 * A page is read whole (pages are small), so a retry never stages half a page twice.
 */
final class HrApiClient {
    private static final Logger log = LoggerFactory.getLogger(HrApiClient.class);

    /** The pull cannot go on; the message names the cause for the import row. */
    static final class HrApiException extends Exception {
        HrApiException(String message) {
            super(message);
        }

        HrApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HrApiProperties settings;
    private final HttpClient http;

    HrApiClient(HrApiProperties settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    URI pageUri(Instant since, int page) {
        return URI.create(settings.baseUrl() + "/declarations?since="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + "&page=" + page);
    }

    byte[] page(Instant since, int page) throws HrApiException, InterruptedException {
        URI uri = pageUri(since, page);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .GET();
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token().strip());
        }
        int attempts = Math.max(1, settings.maxAttempts());
        Duration wait = settings.retryBackoff();
        Duration asked = null;
        String lastProblem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Duration pause = asked != null && asked.compareTo(wait) > 0 ? asked : wait;
                log.warn("HR API {}: {}; attempt {} of {} in {} ms", uri, lastProblem, attempt, attempts, pause.toMillis());
                Thread.sleep(pause.toMillis()); // backoff between HTTP attempts, not a wait on work
                wait = wait.multipliedBy(2);
                asked = null;
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = "cannot be reached (" + describe(e) + ")";
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 401 || status == 403) {
                throw new HrApiException("The HR API refused the credentials (HTTP " + status
                        + (status == 401 ? " Unauthorized" : " Forbidden") + ") at " + uri
                        + ": check mic.hr-api.token" + (settings.token() == null || settings.token().isBlank()
                        ? " (it is not set)" : "") + ". Nothing was loaded; the next pull starts from the same point.");
            }
            if (status >= 500 || status == 429) {
                lastProblem = "answered HTTP " + status;
                asked = retryAfter(response);
                continue;
            }
            throw new HrApiException("The HR API answered HTTP " + status + " at " + uri
                    + ": check mic.hr-api.url. Nothing was loaded.");
        }
        throw new HrApiException("The HR API at " + uri + " " + lastProblem + " after " + attempts
                + " attempts. Nothing was loaded; the next pull starts from the same point.");
    }

    /** A Retry-After in seconds, honoured up to a minute. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,4}"))
                .map(v -> Duration.ofSeconds(Math.min(60, Long.parseLong(v.strip()))))
                .orElse(null);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
