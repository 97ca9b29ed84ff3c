package be.micmons.warehouse.warehouse;

import be.micmons.warehouse.MicProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured (DESIGN §4). */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
public class EmbeddedWarehouseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(MicProperties props) throws IOException {
        var cfg = props.embedded();
        Files.createDirectories(cfg.dataDir());
        stopOrphanedServer(cfg.dataDir());
        String durable = cfg.durable() ? "on" : "off";
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(cfg.dataDir())
                .setCleanDataDirectory(cfg.cleanDataDirectory())
                // zonky turns these off; the warehouse's own data must survive a power cut
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .setServerConfig("max_connections", "100")
                .start();
        log.info("Embedded PostgreSQL warehouse started on port {} with data in {}",
                pg.getPort(), cfg.dataDir().toAbsolutePath().normalize());
        return pg;
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
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        hc.setUsername("postgres");
        hc.setPoolName("warehouse");
        hc.setMaximumPoolSize(10);
        return new HikariDataSource(hc);
    }
}
