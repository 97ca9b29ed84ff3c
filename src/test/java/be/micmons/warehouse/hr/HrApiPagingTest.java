package be.micmons.warehouse.hr;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.hr.HrFixtures.Decl;
import be.micmons.warehouse.support.WarehouseTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, DESIGN §5.4: the HR API pull pages whatever the server's numbering, survives throttling
 * and a failed page, never sends its token to another origin, refuses broken paging, and reads pages
 * as streams. Real HTTP servers (JDK HttpServer on 127.0.0.1) serve the same realistic declarations
 * (the shipped sample and ~450 generated ones on the sample start-ups) as the CSV the figures are
 * checked against.
 */
class HrApiPagingTest extends WarehouseTest {
    private static final String TOKEN = "paging-test-token";
    private static final int PAGE_SIZE = 25;
    /** jobs_created and jobs_created_fte per year of {@link #DECLARATIONS}, as measured through a CSV drop. */
    private static final String EXPECTED = """
            2009: 42 jobs, 32.5 FTE
            2010: 31 jobs, 23.3 FTE
            2011: 33 jobs, 24.6 FTE
            2012: 23 jobs, 17.1 FTE
            2013: 35 jobs, 25 FTE
            2014: 30 jobs, 21.1 FTE
            """;
    private static final List<Decl> DECLARATIONS = realisticDeclarations();
    private static final Map<Kind, String> MEASURED = new ConcurrentHashMap<>();

    @Autowired
    HrApiPull pull;
    @Autowired
    HrApiProperties configured;
    @Autowired
    ObjectMapper json;

    private final List<Api> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(Api::close);
    }

    @AfterAll
    static void printFigures() {
        StringBuilder b = new StringBuilder("HR figures per delivery (jobs_created / jobs_created_fte per year):\n");
        MEASURED.forEach((k, v) -> b.append("== ").append(k).append('\n').append(v));
        System.out.println(b);
    }

    enum Kind { CSV_DROP, ZERO_BASED, ONE_BASED, THROTTLING_429, FAILS_A_PAGE_ONCE_503 }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameDeclarationsGiveTheSameFiguresWhateverTheApi(Kind kind) throws Exception {
        int incubators = loadSamples("incubators");
        if (kind == Kind.CSV_DROP) {
            drop("hr/declarations.csv", HrFixtures.csv(DECLARATIONS), StandardCharsets.UTF_8);
            awaitImports(incubators + 1);
        } else {
            Api api = pagedApi(kind == Kind.ZERO_BASED || kind == Kind.THROTTLING_429 ? 0 : 1);
            if (kind == Kind.THROTTLING_429) {
                api.throttled.addAll(List.of(2, 5, 11)); // these pages answer 429 + Retry-After: 1 once
            }
            if (kind == Kind.FAILS_A_PAGE_ONCE_503) {
                api.failing.add(3);                      // this page answers 503 once
            }
            long id = pull.pull("ADMIN", settings(api)).get(0);
            Map<String, Object> row = importRow(id);
            assertThat(row.get("status")).as("%s", row.get("message")).isIn("LOADED", "LOADED_WITH_REJECTS");
            assertThat(row).containsEntry("rows_read", (long) DECLARATIONS.size());
            int pages = (DECLARATIONS.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            List<Request> asked = api.requests;
            assertThat(asked.get(0).query()).doesNotContain("page=");
            assertThat(asked).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
            int base = kind == Kind.ZERO_BASED || kind == Kind.THROTTLING_429 ? 0 : 1;
            List<String> distinct = asked.stream().map(Request::query).distinct().toList();
            assertThat(distinct).hasSize(pages);
            for (int p = 1; p < pages; p++) {
                assertThat(distinct.get(p)).endsWith("&page=" + (base + p));
            }
            if (kind == Kind.THROTTLING_429) {
                assertThat(asked).hasSize(pages + 3);
                for (int i = 1; i < asked.size(); i++) {
                    if (asked.get(i).query().equals(asked.get(i - 1).query())) { // the retry of a 429
                        assertThat(asked.get(i).nanos() - asked.get(i - 1).nanos()).as("Retry-After: 1 honoured")
                                .isGreaterThanOrEqualTo(950_000_000L);
                    }
                }
            }
            if (kind == Kind.FAILS_A_PAGE_ONCE_503) {
                assertThat(asked).hasSize(pages + 1);
            }
        }
        String figures = figures();
        MEASURED.put(kind, figures);
        assertThat(figures).isEqualTo(EXPECTED);
    }

    @Test
    void aRedirectToAnotherHostFailsThePullAndThatHostNeverSeesTheToken() throws Exception {
        loadSamples("incubators");
        Api elsewhere = api((ex, q) -> send(ex, 200, "{\"items\":[],\"next_page\":null}"));
        Api api = pagedApi(1);
        api.redirect.put(1, "http://localhost:" + elsewhere.port() + "/declarations?page=2");

        long id = pull.pull("ADMIN", settings(api)).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("HTTP 302").contains("another origin")
                .contains("http://localhost:" + elsewhere.port()).contains("token was not sent").doesNotContain(TOKEN);
        assertThat(elsewhere.requests).isEmpty();
        assertThat(elsewhere.requests).noneMatch(r -> r.authorization() != null);
        assertNothingLoaded();

        // a redirect on the same server is not followed either: the message says to fix the URL
        api.redirect.put(1, "/v2/declarations?page=2");
        long same = pull.pull("ADMIN", settings(api)).get(0);
        assertThat((String) importRow(same).get("message")).contains("HTTP 302").contains("same server")
                .contains("set mic.hr-api.url");
        assertNothingLoaded();
    }

    @Test
    void aPageNumberAskedTwiceFailsThePull() throws Exception {
        Api api = api((ex, q) -> {
            String page = q.get("page");
            if (page == null) {
                send(ex, 200, page(0, 3, 2));
            } else if (page.equals("2")) {
                send(ex, 200, page(3, 3, 3));
            } else {
                send(ex, 200, page(6, 3, 2)); // page 3 sends the pull back to page 2
            }
        });
        long id = pull.pull("NIGHTLY", settings(api)).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("page 3").contains("asks for page 2 again");
        assertThat(api.requests).hasSize(3);
        assertNothingLoaded();
    }

    @Test
    void itemsAfterAnEmptyPageFailThePull() throws Exception {
        Api api = api((ex, q) -> {
            String page = q.get("page");
            if (page == null) {
                send(ex, 200, page(0, 4, 1));
            } else if (page.equals("1")) {
                send(ex, 200, page(4, 0, 2));
            } else {
                send(ex, 200, page(4, 4, null));
            }
        });
        long id = pull.pull("NIGHTLY", settings(api)).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("items on page 2 after page 1 had none");
        assertNothingLoaded();
    }

    @Test
    void anAnswerThatIsNotAPageFailsThePull() throws Exception {
        Api noNext = api((ex, q) -> send(ex, 200, "{\"items\":[]}"));
        long id = pull.pull("NIGHTLY", settings(noNext)).get(0);
        assertThat((String) importRow(id).get("message")).contains("the first page").contains("no \"next_page\"");

        Api other = api((ex, q) -> send(ex, 200, "{\"declarations\":[],\"next_page\":null}"));
        id = pull.pull("NIGHTLY", settings(other)).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("not the expected").contains("no \"items\"");
        assertNothingLoaded();
    }

    /**
     * A 200 MB answer, generated while it is sent: the pull fails on mic.hr-api.max-page-bytes (64 MB),
     * and while it reads the live heap does not grow by anything near a page (it would by 48 MB and
     * more if the answer were held whole, as the JDK client's ofByteArray() did).
     */
    @Test
    void aHugeAnswerFailsOnThePageLimitWithoutFillingTheHeap() throws Exception {
        long limit = configured.maxPageBytes().toBytes();
        assertThat(limit).isEqualTo(64L << 20);
        long total = 200L << 20;
        AtomicLong sent = new AtomicLong();
        AtomicLong liveWhileReading = new AtomicLong(-1);
        long before = liveHeap();
        Api api = api((ex, q) -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length announces the size
            OutputStream out = ex.getResponseBody();
            out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
            byte[] item = (json.writeValueAsString(DECLARATIONS.get(0).item()) + ",").getBytes(StandardCharsets.UTF_8);
            try {
                for (long n = 0; sent.get() < total; n++) {
                    out.write(item);
                    long s = sent.addAndGet(item.length);
                    if (liveWhileReading.get() < 0 && s > 48L << 20) {
                        liveWhileReading.set(liveHeap()); // the pull has read about 48 MB by now
                    }
                }
                out.write("{}],\"next_page\":null}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedByThePull) {
                // the pull stopped reading: expected
            }
        });
        long id = pull.pull("ADMIN", settings(api)).get(0);
        assertThat(importRow(id)).containsEntry("status", "FAILED");
        assertThat((String) importRow(id).get("message")).contains("larger than mic.hr-api.max-page-bytes (64 MB)");
        assertNothingLoaded();
        assertThat(liveWhileReading.get()).as("the server got past 48 MB").isPositive();
        long grown = liveWhileReading.get() - before;
        System.out.printf("HR API 200 MB answer: live heap before %d MB, after 48 MB read %d MB (grown %d MB)%n",
                before >> 20, liveWhileReading.get() >> 20, grown >> 20);
        assertThat(grown).as("live heap growth while reading a 64 MB-limited page").isLessThan(24L << 20);
    }

    // ---------------------------------------------------------------- helpers

    private HrApiProperties settings(Api api) {
        return configured.withEndpoint(api.url(), TOKEN);
    }

    private Map<String, Object> importRow(long id) {
        return jdbc.queryForMap("select * from ops.import where id = ?", id);
    }

    private void assertNothingLoaded() {
        assertThat(jdbc.queryForObject("select count(*) from core.hr_event", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ops.hr_pull_cursor", Long.class)).isZero();
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private String figures() {
        StringBuilder b = new StringBuilder();
        jdbc.query("""
                select year, max(value) filter (where metric = 'jobs_created') as jobs,
                       max(value) filter (where metric = 'jobs_created_fte') as fte
                from mart.convention_kpi where metric in ('jobs_created', 'jobs_created_fte')
                group by year order by year""", rs -> {
            b.append(rs.getInt(1)).append(": ").append(rs.getBigDecimal(2).stripTrailingZeros().toPlainString())
                    .append(" jobs, ").append(rs.getBigDecimal(3).stripTrailingZeros().toPlainString()).append(" FTE\n");
        });
        return b.toString();
    }

    /** A page of n items of {@link #DECLARATIONS} from index from. */
    private String page(int from, int n, Integer next) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", DECLARATIONS.subList(from, from + n).stream().map(Decl::item).toList());
        body.put("next_page", next);
        return json.writeValueAsString(body);
    }

    /** The declarations served {@link #PAGE_SIZE} a page, numbered from base; pages to throttle, fail or redirect. */
    private Api pagedApi(int base) throws IOException {
        Api[] self = new Api[1];
        self[0] = api((ex, q) -> {
            Api a = self[0];
            int page = q.containsKey("page") ? Integer.parseInt(q.get("page")) : base;
            int index = page - base;
            if (a.throttled.remove(Integer.valueOf(index))) {
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 429, "{\"error\":\"slow down\"}");
                return;
            }
            if (a.failing.remove(Integer.valueOf(index))) {
                send(ex, 503, "{\"error\":\"unavailable\"}");
                return;
            }
            String to = a.redirect.get(index);
            if (to != null) {
                ex.getResponseHeaders().add("Location", to);
                send(ex, 302, "");
                return;
            }
            int from = Math.min(index * PAGE_SIZE, DECLARATIONS.size());
            int n = Math.min(PAGE_SIZE, DECLARATIONS.size() - from);
            send(ex, 200, page(from, n, from + n < DECLARATIONS.size() ? page + 1 : null));
        });
        return self[0];
    }

    private Api api(Handler handler) throws IOException {
        Api a = new Api(handler);
        servers.add(a);
        return a;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    interface Handler {
        void handle(HttpExchange ex, Map<String, String> query) throws IOException;
    }

    record Request(String query, String authorization, long nanos) {}

    /** A JDK HttpServer on 127.0.0.1 (random port) that records every request it gets. */
    static final class Api implements AutoCloseable {
        final HttpServer server;
        final List<Request> requests = new CopyOnWriteArrayList<>();
        /** Page indexes (0 = the first page) that answer 429 once, 503 once, or redirect. */
        final List<Integer> throttled = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> failing = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, String> redirect = new ConcurrentHashMap<>();

        Api(Handler handler) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                try (ex) {
                    String raw = ex.getRequestURI().getRawQuery();
                    requests.add(new Request(raw == null ? "" : raw, ex.getRequestHeaders().getFirst("Authorization"),
                            System.nanoTime()));
                    handler.handle(ex, query(raw));
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> m = new HashMap<>();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        m.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return m;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------- the declarations

    /**
     * The shipped sample (samples/hr) and 450 generated declarations on the sample start-ups: hires
     * over 2009–2014 with every contract type, later UPDATEs, OUTs, CANCELs, returning workers, some
     * invalid NISS and an employer that is no start-up; shuffled (pages do not follow declared_at).
     */
    private static List<Decl> realisticDeclarations() {
        List<Decl> all = new ArrayList<>(sample());
        Random rnd = new Random(12);
        List<String> employers = List.of("0825.817.616", "1078 255 463", "0417595490", "BE0540367796",
                "BE 0868.747.242", "0403.019.261");
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            workers.add(HrFixtures.niss(String.format("%02d%02d%02d", 60 + i % 35, 1 + i % 12, 1 + i % 28), 200 + i));
        }
        List<String> types = List.of("CDI", "CDI", "CDI", "CDD", "CDD", "STUDENT", "INTERIM", "FLEXI");
        List<String> ftes = List.of("1", "1", "1", "0.8", "0.5", "0.6", "0.2");
        ZoneId brussels = ZoneId.of("Europe/Brussels");
        for (int n = 1; n <= 450; n++) {
            String id = String.format("G-%04d", n);
            LocalDate start = LocalDate.of(2009, 1, 5).plusDays(rnd.nextInt(6 * 365));
            String at = LocalDateTime.of(start.minusDays(3 + rnd.nextInt(20)), java.time.LocalTime.of(9 + rnd.nextInt(8), 0))
                    .atZone(brussels).toOffsetDateTime().toString();
            String employer = employers.get(rnd.nextInt(employers.size()));
            String worker = workers.get(rnd.nextInt(workers.size()));
            String type = types.get(rnd.nextInt(types.size()));
            String fte = ftes.get(rnd.nextInt(ftes.size()));
            boolean invalid = rnd.nextInt(40) == 0;
            all.add(new Decl(id, "IN", employer, invalid ? HrFixtures.invalid(worker) : worker, type, fte, start.toString(),
                    null, at));
            if (invalid) {
                continue;
            }
            if (rnd.nextInt(6) == 0) { // the FTE or the start corrected later
                LocalDate moved = rnd.nextBoolean() ? start : start.plusDays(20 + rnd.nextInt(60));
                all.add(new Decl(id, "UPDATE", employer, worker, type, ftes.get(rnd.nextInt(ftes.size())), moved.toString(),
                        null, LocalDateTime.of(start.plusDays(10), java.time.LocalTime.of(11, 0)).atZone(brussels)
                                .toOffsetDateTime().toString()));
            }
            if (rnd.nextInt(5) == 0) {
                all.add(HrFixtures.out(id, start.plusDays(60 + rnd.nextInt(500)).toString(),
                        LocalDateTime.of(start.plusDays(50), java.time.LocalTime.of(15, 0)).atZone(brussels)
                                .toOffsetDateTime().toString()));
            }
            if (rnd.nextInt(25) == 0) {
                all.add(HrFixtures.cancel(id, LocalDateTime.of(start.minusDays(1), java.time.LocalTime.of(16, 30))
                        .atZone(brussels).toOffsetDateTime().toString()));
            }
        }
        Collections.shuffle(all, rnd);
        return List.copyOf(all);
    }

    /** samples/hr/declarations-2009-2012.csv as declarations (ISO dates, FTE with a dot). */
    private static List<Decl> sample() {
        try {
            List<String> lines = Files.readAllLines(Path.of("samples/hr/declarations-2009-2012.csv"), StandardCharsets.UTF_8);
            List<Decl> decls = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(";", -1);
                decls.add(new Decl(f[0], f[1], empty(f[2]), empty(f[4]), empty(f[5]),
                        empty(f[6]) == null ? null : f[6].replace(',', '.'), iso(f[7]), iso(f[8]), f[10]));
            }
            return decls;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String empty(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String iso(String ddMMyyyy) {
        if (empty(ddMMyyyy) == null) {
            return null;
        }
        String[] p = ddMMyyyy.strip().split("/");
        return p[2] + "-" + p[1] + "-" + p[0];
    }
}
