package be.micmons.warehouse.ops;

import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.support.WarehouseTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Real HTTP against the app on its random port, as an operator's client would talk to it. */
abstract class OpsTestBase extends WarehouseTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    enum Who { NOBODY, VIEWER, ADMIN, WRONG }

    @LocalServerPort
    int port;

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer get(Who who, String path) {
        return send(who, "GET", path, null);
    }

    Answer post(Who who, String path, String json) {
        return send(who, "POST", path, json);
    }

    /** The path is sent as written (no normalization), so hostile paths reach the server as they are. */
    Answer send(Who who, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        String auth = switch (who) {
            case ADMIN -> "admin:" + ADMIN_PASSWORD;
            case VIEWER -> "viewer:" + VIEWER_PASSWORD;
            case WRONG -> "admin:not-the-password";
            case NOBODY -> null;
        };
        if (auth != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** startups_created for 2009..2014, the sample years. */
    List<Long> startupFigures() {
        return Stream.of(2009, 2010, 2011, 2012, 2013, 2014).map(y -> kpi("startups_created", y)).toList();
    }

    void awaitNoneRunning() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "select count(*) from ops.import where status = 'RUNNING'", Integer.class) == 0);
    }

    Map<String, Object> importRow(long id) {
        return jdbc.queryForMap("select * from ops.import where id = ?", id);
    }
}
