package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import be.micmons.warehouse.security.SignInThrottle;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Issue #15 rows 1, 8 and 10: cross-site requests, audit, named accounts, sign-in throttle, health, body size. */
@ExtendWith(OutputCaptureExtension.class)
class BrowserSafetyAndAuditTest extends OpsTestBase {
    @Autowired
    SignInThrottle throttle;

    @BeforeEach
    @AfterEach
    void forgetFailedSignIns() {
        throttle.reset();
    }

    private Answer request(String method, String path, String user, String password, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String self() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void aCrossSitePostIsRefusedBeforeAnythingStarts() {
        assertThat(request("POST", "/api/nightly", "admin", ADMIN_PASSWORD, null, "Origin", "http://evil.example")
                .status()).as("Origin of another site").isEqualTo(403);
        assertThat(request("POST", "/api/nightly", "admin", ADMIN_PASSWORD, null, "Sec-Fetch-Site", "cross-site")
                .status()).as("Sec-Fetch-Site: cross-site").isEqualTo(403);
        assertThat(request("POST", "/api/nightly", "admin", ADMIN_PASSWORD, null,
                "Referer", "http://evil.example/page.html").status()).as("Referer of another site").isEqualTo(403);
        assertThat(request("POST", "/api/nightly", "admin", ADMIN_PASSWORD, null, "Origin", "null").status())
                .as("opaque origin").isEqualTo(403);
        assertThat(request("POST", "/api/nightly", "admin", ADMIN_PASSWORD, null,
                "Origin", "http://127.0.0.1:" + (port + 1)).status()).as("another port is another origin").isEqualTo(403);
        assertThat(request("POST", "/api/reimports", null, null, "{}", "Origin", "http://evil.example").status())
                .as("refused even before credentials").isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from ops.nightly_run", Long.class)).as("nothing started").isZero();
        assertThat(jdbc.queryForObject("select count(*) from ops.import", Long.class)).isZero();

        // the console's own buttons (same origin) and scripts (no header) keep working
        assertThat(request("POST", "/api/imports/999999/reimport", "admin", ADMIN_PASSWORD, null,
                "Origin", self(), "Sec-Fetch-Site", "same-origin").status()).isEqualTo(404);
        assertThat(request("POST", "/api/imports/999999/reimport", "admin", ADMIN_PASSWORD, null,
                "Referer", self() + "/console/imports").status()).isEqualTo(404);
        assertThat(request("POST", "/api/imports/999999/reimport", "admin", ADMIN_PASSWORD, null).status()).isEqualTo(404);
        // reads are not state-changing
        assertThat(request("GET", "/api/imports", "viewer", VIEWER_PASSWORD, null, "Origin", "http://evil.example")
                .status()).isEqualTo(200);
    }

    @Test
    void healthShowsDetailsOnlyToASignedInAccount() {
        // a check may read DOWN for a moment right after another class's routes were steered: wait for UP
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> get(Who.NOBODY, "/actuator/health").status() == 200);
        Answer anonymous = get(Who.NOBODY, "/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).as(anonymous.body()).isFalse();
        Answer viewer = get(Who.VIEWER, "/actuator/health");
        assertThat(viewer.json().get("components").has("warehouse")).as(viewer.body()).isTrue();
    }

    @Test
    void aLargeRequestBodyIsRefused() {
        String big = "[" + "\"x\",".repeat(600_000) + "\"x\"]";
        assertThat(request("POST", "/api/reimports", "admin", ADMIN_PASSWORD, big).status()).isEqualTo(413);
    }

    @Test
    void theAuditNamesTheAccountOfEveryAdminActionAndIsAppendOnly() {
        assertThat(request("POST", "/api/imports/424242/reimport", "alice", Accounts.ALICE_PASSWORD, null).status())
                .isEqualTo(404);
        assertThat(request("POST", "/api/nightly", "bob", Accounts.BOB_PASSWORD, null).status())
                .as("a VIEWER may not act").isEqualTo(403);
        List<Map<String, Object>> rows = jdbc.queryForList("select * from ops.audit order by id");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("actor")).isEqualTo("alice");
            assertThat(r.get("action")).isEqualTo("POST /api/imports/{id}/reimport");
            assertThat(r.get("target")).isEqualTo("id=424242");
            assertThat((String) r.get("detail")).contains("404");
            assertThat(r.get("remote_addr")).isEqualTo("127.0.0.1");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("actor")).isEqualTo("bob");
            assertThat((String) r.get("action")).isEqualTo("POST /api/nightly");
            assertThat((String) r.get("detail")).contains("403");
        });

        Answer audit = request("GET", "/api/audit?limit=10", "alice", Accounts.ALICE_PASSWORD, null);
        assertThat(audit.status()).isEqualTo(200);
        JsonNode first = audit.json().get(0);
        assertThat(first.get("actor").asText()).isEqualTo("bob");
        assertThat(request("GET", "/api/audit", "bob", Accounts.BOB_PASSWORD, null).status()).isEqualTo(403);
        assertThat(request("GET", "/api/audit", "viewer", VIEWER_PASSWORD, null).status()).isEqualTo(403);

        assertThatThrownBy(() -> jdbc.update("update ops.audit set actor = 'someone else'")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ops.audit")).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aBurstOfWrongPasswordsGets429AndIsAuditedAndLoggedOnce(CapturedOutput output) {
        int unauthorized = 0;
        int tooMany = 0;
        for (int i = 0; i < 40; i++) {
            int s = request("GET", "/api/imports", "admin", "guess-" + i, null).status();
            if (s == 401) {
                unauthorized++;
            } else if (s == 429) {
                tooMany++;
            }
        }
        assertThat(unauthorized).isEqualTo(30);
        assertThat(tooMany).isEqualTo(10);
        assertThat(request("GET", "/api/imports", "admin", ADMIN_PASSWORD, null).status())
                .as("the right password too, while the address is blocked").isEqualTo(429);
        assertThat(jdbc.queryForObject("select count(*) from ops.audit where action = 'SIGN_IN_FAILED'"
                + " and actor = 'admin' and remote_addr = '127.0.0.1'", Long.class)).isEqualTo(30);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("failed sign-ins from 127.0.0.1"));
        assertThat(output.getAll().split("failed sign-ins from 127.0.0.1", -1)).as("said once").hasSize(2);
        assertThat(output.getAll()).contains("AUDIT actor=admin action=SIGN_IN_FAILED");
        throttle.reset();
        assertThat(request("GET", "/api/imports", "admin", ADMIN_PASSWORD, null).status()).isEqualTo(200);
    }
}
