package be.micmons.warehouse.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keyed hash of person identifiers (DESIGN §6): the warehouse keeps HMAC-SHA-256 of a normalized
 * e-mail, candidate reference or NISS, never the plain value. The key never lives in the warehouse
 * (DESIGN §16): {@code mic.privacy.hmac-key}, or the file {@code mic.privacy.hmac-key-file}
 * (created on first start, mode 600; a key an earlier version kept in ops.secret is moved there by
 * migration V62), so hashes stay stable across restarts and instances sharing that file.
 */
@Component
public class PersonHasher {
    private static final Logger log = LoggerFactory.getLogger(PersonHasher.class);
    private final byte[] key;
    /** A session is not thread-safe: one per thread, reused. */
    private final ThreadLocal<Session> sessions = ThreadLocal.withInitial(this::session);

    public PersonHasher(@Value("${mic.privacy.hmac-key:}") String configured,
                        @Value("${mic.privacy.hmac-key-file:./data/keys/person-hmac.key}") Path keyFile,
                        JdbcTemplate jdbc) throws IOException {
        if (configured != null && !configured.isBlank()) {
            this.key = configured.getBytes(StandardCharsets.UTF_8);
        } else {
            this.key = HexFormat.of().parseHex(KeyFiles.readOrCreate(keyFile, () -> KeyFiles.randomHex(32)));
            log.info("Person identifiers are hashed with the key in {} (or set mic.privacy.hmac-key)",
                    keyFile.toAbsolutePath().normalize());
        }
        checkSameKeyAsTheWarehouse(jdbc, configured != null && !configured.isBlank() ? "mic.privacy.hmac-key"
                : keyFile.toAbsolutePath().normalize().toString());
    }

    /**
     * Instances of one warehouse must hash with one key: the first start records a check value (an
     * HMAC of a fixed text, which does not reveal the key), and an instance with another key refuses
     * to start rather than store hashes that match nothing.
     */
    private void checkSameKeyAsTheWarehouse(JdbcTemplate jdbc, String where) {
        String check = session().hash("mic-warehouse person-hash key check");
        jdbc.update("insert into ops.secret (name, value) values ('person-hmac-key-check', ?) on conflict (name) do nothing",
                check);
        String stored = jdbc.queryForObject("select value from ops.secret where name = 'person-hmac-key-check'", String.class);
        if (!check.equals(stored)) {
            throw new IllegalStateException("The person-hash key of this instance (" + where + ") is not the one the"
                    + " warehouse's hashes were made with: give every instance the same key file (or"
                    + " mic.privacy.hmac-key). A new key would make every stored hash match nothing.");
        }
    }

    /** Hex HMAC-SHA-256 of an already normalized identifier; null stays null. */
    public String hash(String normalizedIdentifier) {
        return sessions.get().hash(normalizedIdentifier);
    }

    /** A hasher for one thread's loop (not thread-safe): no thread-local lookup per value. */
    public Session session() {
        return new Session(key);
    }

    /** One {@link Mac} (not thread-safe, costly to create) reused for a loop's values. */
    public static final class Session {
        private static final HexFormat HEX = HexFormat.of();
        private final Mac mac;

        Session(byte[] key) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }

        public String hash(String normalizedIdentifier) {
            return normalizedIdentifier == null ? null : HEX.formatHex(bytes(normalizedIdentifier));
        }

        /** The HMAC's 32 bytes, for a column that stores them as {@code bytea}; null stays null. */
        public byte[] bytes(String normalizedIdentifier) {
            return normalizedIdentifier == null ? null : mac.doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8));
        }
    }
}
