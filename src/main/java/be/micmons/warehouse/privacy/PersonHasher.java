package be.micmons.warehouse.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * e-mail, candidate reference or NISS, never the plain value. The key comes from
 * {@code mic.privacy.hmac-key}; unset, one is generated once and kept in the warehouse so hashes
 * stay stable across restarts and instances.
 */
@Component
public class PersonHasher {
    private static final Logger log = LoggerFactory.getLogger(PersonHasher.class);
    private final byte[] key;
    /** A session is not thread-safe: one per thread, reused. */
    private final ThreadLocal<Session> sessions = ThreadLocal.withInitial(this::session);

    public PersonHasher(@Value("${mic.privacy.hmac-key:}") String configured, JdbcTemplate jdbc) {
        if (configured != null && !configured.isBlank()) {
            this.key = configured.getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.update("insert into ops.secret (name, value) values ('person-hmac-key', ?) on conflict (name) do nothing",
                    HexFormat.of().formatHex(fresh));
            String stored = jdbc.queryForObject("select value from ops.secret where name = 'person-hmac-key'", String.class);
            this.key = HexFormat.of().parseHex(stored);
            log.info("Person identifiers are hashed with the warehouse's own key (set mic.privacy.hmac-key to use yours)");
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
            if (normalizedIdentifier == null) {
                return null;
            }
            return HEX.formatHex(mac.doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
