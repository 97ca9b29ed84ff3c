package be.micmons.warehouse.hr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HR API on 127.0.0.1 (random port): {@code GET /declarations?since=&page=} with a bearer
 * token check, items with declared_at >= since, {@code pageSize} per page, pages numbered from
 * {@code firstPage} (1 unless a test says 0); a request without {@code page} gets the first page.
 */
final class HrApiStub implements AutoCloseable {
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToServe = new AtomicInteger();
    volatile String token = "hr-test-token";
    volatile int pageSize = 2;
    volatile int firstPage = 1;

    HrApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/declarations", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(List<HrFixtures.Decl> decls) {
        decls.forEach(d -> items.add(d.item()));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(ex.getRequestURI().getRawQuery());
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error\":\"invalid token\"}");
                return;
            }
            if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 500, "{\"error\":\"internal\"}");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            OffsetDateTime since = OffsetDateTime.parse(q.get("since"));
            int page = q.containsKey("page") ? Integer.parseInt(q.get("page")) : firstPage;
            List<Map<String, Object>> selected = new ArrayList<>();
            for (Map<String, Object> item : items) {
                if (!OffsetDateTime.parse((String) item.get("declared_at")).isBefore(since)) {
                    selected.add(item);
                }
            }
            int from = Math.min((page - firstPage) * pageSize, selected.size());
            int to = Math.min(from + pageSize, selected.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", selected.subList(from, to));
            body.put("next_page", to < selected.size() ? page + 1 : null);
            send(ex, 200, json.writeValueAsString(body));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
