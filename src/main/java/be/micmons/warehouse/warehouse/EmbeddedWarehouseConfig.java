package be.micmons.warehouse.warehouse;

import be.micmons.warehouse.MicProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
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
