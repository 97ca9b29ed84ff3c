package be.micmons.warehouse.warehouse;

import be.micmons.warehouse.MicProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import be.micmons.warehouse.privacy.KeyFiles;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured (DESIGN §4). */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
public class EmbeddedWarehouseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouseConfig.class);

    /** The superuser's password, kept in the data directory (mode 600) once the server requires it. */
    static final String PASSWORD_FILE = "warehouse.password";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(MicProperties props) throws IOException {
        var cfg = props.embedded();
        Files.createDirectories(cfg.dataDir());
        stopOrphanedServer(cfg.dataDir());
        Path passwordFile = cfg.dataDir().resolve(PASSWORD_FILE);
        if (!Files.exists(cfg.dataDir().resolve("PG_VERSION"))) {
            Files.deleteIfExists(passwordFile); // a new cluster: initdb wants an empty folder, the password is new
        }
        String known = Files.isRegularFile(passwordFile) ? Files.readString(passwordFile).strip() : null;
        String durable = cfg.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cfg.dataDir())
                .setCleanDataDirectory(cfg.cleanDataDirectory())
                // DESIGN §16: this machine only, and a password for every connection
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky turns these off; the warehouse's own data must survive a power cut
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .setServerConfig("max_connections", "100");
        if (known != null) {
            builder.setConnectConfig("password", known)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
        }
        EmbeddedPostgres pg = builder.start();
        if (known == null) {
            known = requirePassword(pg, cfg.dataDir(), passwordFile);
        }
        log.info("Embedded PostgreSQL warehouse started on 127.0.0.1:{} with data in {} (user postgres, password in {})",
                pg.getPort(), cfg.dataDir().toAbsolutePath().normalize(), passwordFile.toAbsolutePath().normalize());
        return pg;
    }

    /**
     * First start, or a data directory of an earlier version (initdb's {@code trust}): the
     * superuser gets a generated scram-sha-256 password, kept in the data directory (600), and
     * pg_hba.conf then requires it for every connection.
     */
    private static String requirePassword(EmbeddedPostgres pg, Path dataDir, Path passwordFile) throws IOException {
        String generated = KeyFiles.randomHex(24);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("set password_encryption = 'scram-sha-256'");
            st.execute("alter role postgres password '" + generated + "'");
            Files.deleteIfExists(passwordFile);
            KeyFiles.create(passwordFile, generated);
            writeHba(dataDir);
            st.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("the embedded warehouse's password could not be set: " + e.getMessage(), e);
        }
        log.info("Embedded PostgreSQL: the superuser now needs a password (scram-sha-256), generated and kept in {}",
                passwordFile.toAbsolutePath().normalize());
        return generated;
    }

    /** No {@code trust}: scram-sha-256 on the socket and on the loopback, nothing else. */
    static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    # Written by the MIC warehouse (DESIGN §16): a password (scram-sha-256) for every connection,
                    # from this machine only. The password is in %s beside this file.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """.formatted(PASSWORD_FILE));
            KeyFiles.restrict(dataDir.resolve("pg_hba.conf"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A JVM killed with -9 leaves its PostgreSQL running on the data directory, which would refuse
     * the next start; stop it (fast shutdown: its sessions are gone anyway) before starting again.
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL handles it
        }
        log.warn("PostgreSQL (pid {}) left running on {} by a previous process: stopping it", pid, dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL (pid " + pid + ") did not stop; stop it and start again", e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg, MicProperties props,
                          @Value("${spring.datasource.hikari.connection-timeout:30000}") long connectionTimeout) throws IOException {
        HikariConfig hc = new HikariConfig();
        // as for a configured server: while the warehouse is away a connection is given up after 5 s
        // (application.yaml), so health says DOWN promptly and the intake's retries are not 30 s apart
        hc.setConnectionTimeout(connectionTimeout);
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres");
        hc.setUsername("postgres");
        hc.setPassword(Files.readString(props.embedded().dataDir().resolve(PASSWORD_FILE)).strip());
        hc.setPoolName("warehouse");
        hc.setMaximumPoolSize(10);
        return new HikariDataSource(hc);
    }
}
