package be.micmons.warehouse.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app as operators run it, in a JVM of its own (the test JVM's classpath, the project folder as
 * working directory so that ./config and ./routes are read), pointed at a warehouse by URL.
 */
final class AppProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private AppProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static final String ADMIN_PASSWORD = "admin-pw";

    /**
     * The settings of an instance of the process tests: the warehouse by URL, the shared folders, the
     * nightly schedule (each firing must run once however many instances fire it), short intake pauses.
     */
    static List<String> settings(String jdbcUrl, Path inbox, Path archive, Path partners, String nightlyCron) {
        return List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "mic.inbox-dir=" + inbox,
                "mic.archive-dir=" + archive,
                "mic.partners-dir=" + partners,
                "mic.demo.load-samples=false",
                "mic.intake.min-age=500ms",
                "mic.reliability.max-retry-delay=4s",
                "mic.security.admin-password=" + ADMIN_PASSWORD,
                "mic.security.viewer-password=viewer-pw",
                // every instance shares the keys, as they share the archive and the warehouse (DESIGN §16)
                "mic.archive.key-file=" + archive.resolveSibling("keys").resolve("archive.key"),
                "mic.privacy.hmac-key-file=" + archive.resolveSibling("keys").resolve("person-hmac.key"),
                "mic.nightly.cron=" + nightlyCron,
                "logging.level.root=INFO");
    }

    static AppProcess start(String name, Path logDir, List<String> properties) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "be.micmons.warehouse.Application",
                "--server.port=" + port));
        properties.forEach(p -> cmd.add("--" + p));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppProcess(name, port, log, p);
    }

    /** HTTP status of /actuator/health (200 UP, 503 DOWN), or -1 when the app does not answer. */
    int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until /actuator/health answers 200; fails at once when the process dies. */
    AppProcess awaitHealthy(Duration atMost) {
        org.awaitility.Awaitility.await(name + " healthy").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .failFast(name + " died while starting, see " + log, () -> !isAlive())
                .until(() -> healthStatus() == 200);
        return this;
    }

    /** An ADMIN POST without a body (as a script does: no Origin header); the status and the body. */
    HttpResponse<String> postAsAdmin(String path) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Health with its details, which DESIGN §9 shows to a signed-in account only. */
    String health() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "viewer:viewer-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** kill -9: no shutdown hook, no rollback by the app, its connections just drop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
