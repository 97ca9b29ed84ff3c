package be.micmons.warehouse.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL server the process tests start, stop and crash themselves (zonky's binaries, a fixed
 * port and data folder, so that it comes back where the apps look for it), and plain SQL on it.
 */
final class ProcessWarehouse implements AutoCloseable {
    final Path dataDir;
    final int port;
    private EmbeddedPostgres pg;

    ProcessWarehouse(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        start();
    }

    /**
     * Starts the server on its port and data folder (after a crash: with PostgreSQL's own recovery).
     * Durable as a production server is (zonky turns synchronous_commit off): a commit the app was told
     * of must survive a crash, or the crash test would prove nothing.
     */
    void start() throws IOException {
        pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100").setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on").setServerConfig("full_page_writes", "on").start();
    }

    /** A clean stop ({@code pg_ctl stop -m fast}): sessions are ended, nothing is lost. */
    void stop() throws IOException {
        pg.close();
    }

    /**
     * PostgreSQL's immediate shutdown (what {@code pg_ctl stop -m immediate} sends: SIGQUIT to the
     * postmaster): every backend is killed at once, without a checkpoint, as in a crash; the next
     * start recovers from the WAL. Only the postmaster this object started is signalled.
     */
    void stopImmediately() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -QUIT " + pid + " failed: " + out);
        }
        postmaster.onExit().get(60, TimeUnit.SECONDS);
        // releases zonky's lock on the data folder; its own stop finds no server and says so in the log
        pg.close();
    }

    void createDatabase(String name) throws Exception {
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("create database " + name);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    Db db(String database) {
        return new Db(url(database));
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    /** SQL on one database, a fresh connection each time: the server is stopped and started under our feet. */
    record Db(String url) {
        <T> T query(Function<JdbcTemplate, T> f) {
            SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "postgres", "", true);
            try {
                return f.apply(new JdbcTemplate(ds));
            } finally {
                ds.destroy();
            }
        }

        long count(String sql, Object... args) {
            return query(j -> j.queryForObject(sql, Long.class, args));
        }

        List<Map<String, Object>> rows(String sql, Object... args) {
            return query(j -> j.queryForList(sql, args));
        }

        long kpi(String metric, int year) {
            return count("select coalesce(sum(value), 0)::bigint from mart.convention_kpi where metric = ? and year = ?",
                    metric, year);
        }
    }
}
