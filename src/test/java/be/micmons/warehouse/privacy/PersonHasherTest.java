package be.micmons.warehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The hand-rolled HMAC must give exactly what javax.crypto.Mac gives: stored hashes depend on it. */
class PersonHasherTest {

    @Test
    void sessionHashIsHmacSha256ForShortAndLongKeysAndValues() throws Exception {
        String[] keys = {"k", "a-32-byte-key-for-the-warehouse!", "x".repeat(64), "a key longer than one SHA-256 block, ".repeat(3)};
        String[] values = {"", "marie.martin@example.org", "prometric:PRM0156403", "é".repeat(40), "v".repeat(200)};
        for (String key : keys) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            PersonHasher.Session session = new PersonHasher.Session(k);
            for (String v : values) {
                String expected = HexFormat.of().formatHex(mac.doFinal(v.getBytes(StandardCharsets.UTF_8)));
                assertThat(session.hash(v)).as("key %s, value %s", key, v).isEqualTo(expected);
            }
        }
        assertThat(new PersonHasher.Session("k".getBytes(StandardCharsets.UTF_8)).hash(null)).isNull();
    }
}
