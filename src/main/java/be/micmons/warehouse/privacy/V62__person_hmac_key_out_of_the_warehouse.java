package be.micmons.warehouse.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * DESIGN §16: the person-hash key never lives in the warehouse. A key an earlier version kept in
 * {@code ops.secret} is written, unchanged (so every stored hash stays valid), to
 * {@code mic.privacy.hmac-key-file} (mode 600) and deleted from the database. A key file that
 * already holds another key stops the upgrade rather than lose either. A Spring bean (Boot hands it
 * to Flyway with the configured path), outside db/migration so that Flyway does not also
 * instantiate it on its own.
 */
@Component
public class V62__person_hmac_key_out_of_the_warehouse extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V62__person_hmac_key_out_of_the_warehouse.class);
    private final Path keyFile;

    public V62__person_hmac_key_out_of_the_warehouse(
            @Value("${mic.privacy.hmac-key-file:./data/keys/person-hmac.key}") Path keyFile) {
        this.keyFile = keyFile;
    }

    @Override
    public void migrate(Context context) throws Exception {
        String stored = null;
        try (Statement st = context.getConnection().createStatement();
             ResultSet rs = st.executeQuery("select value from ops.secret where name = 'person-hmac-key'")) {
            if (rs.next()) {
                stored = rs.getString(1).strip();
            }
        }
        if (stored != null) {
            if (!KeyFiles.create(keyFile, stored)) {
                String existing = Files.readString(keyFile).strip();
                if (!existing.equalsIgnoreCase(stored)) {
                    throw new IllegalStateException("The warehouse holds a person-hash key (ops.secret) and " + keyFile
                            + " holds another one: keep the one the stored hashes were made with in " + keyFile
                            + " (SELECT value FROM ops.secret WHERE name = 'person-hmac-key') and start again");
                }
            }
            log.info("The person-hash key was moved out of the warehouse into {} (mode 600); every stored hash stays valid",
                    keyFile.toAbsolutePath().normalize());
        }
        try (Statement st = context.getConnection().createStatement()) {
            st.executeUpdate("delete from ops.secret where name = 'person-hmac-key'");
        }
    }
}
