package be.micmons.warehouse.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
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

    /**
     * HMAC-SHA-256 (RFC 2104) with the key's inner and outer pad blocks absorbed once: each value
     * costs two SHA-256 blocks instead of the four javax.crypto.Mac spends. Same output as Mac.
     */
    public static final class Session {
        private static final HexFormat HEX = HexFormat.of();
        private final MessageDigest inner;
        private final MessageDigest outer;

        Session(byte[] key) {
            byte[] k = key.length > 64 ? sha256().digest(key) : key;
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            inner = sha256();
            inner.update(ipad);
            outer = sha256();
            outer.update(opad);
        }

        public String hash(String normalizedIdentifier) {
            if (normalizedIdentifier == null) {
                return null;
            }
            try {
                MessageDigest i = (MessageDigest) inner.clone();
                byte[] innerHash = i.digest(normalizedIdentifier.getBytes(StandardCharsets.UTF_8));
                MessageDigest o = (MessageDigest) outer.clone();
                return HEX.formatHex(o.digest(innerHash));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests of this JDK cannot be cloned", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
