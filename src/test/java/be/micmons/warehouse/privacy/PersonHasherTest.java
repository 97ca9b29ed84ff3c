package be.micmons.warehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stored hashes depend on the algorithm: HMAC-SHA-256 of the UTF-8 identifier, in lower-case hex. */
class PersonHasherTest {

    @Test
    void aSessionHashesWithHmacSha256() {
        // RFC 4231, test case 2
        PersonHasher.Session session = new PersonHasher.Session("Jefe".getBytes(StandardCharsets.UTF_8));
        assertThat(session.hash("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(session.hash("what do ya want for nothing?")).as("reused for the next value")
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(session.hash(null)).isNull();
    }
}
