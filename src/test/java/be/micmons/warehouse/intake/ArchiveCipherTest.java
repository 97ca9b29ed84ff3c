package be.micmons.warehouse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The archive's segmented AES-256-GCM: every size round-trips; cut, reordered or altered files do not decrypt. */
class ArchiveCipherTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private static final int S = ArchiveCipher.SEGMENT;

    private static byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = ArchiveCipher.encrypting(out, KEY)) {
            // odd write sizes, as a stream copy would do
            for (int off = 0; off < plain.length; off += 7919) {
                enc.write(plain, off, Math.min(7919, plain.length - off));
            }
        }
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed) throws IOException {
        InputStream in = new ByteArrayInputStream(sealed);
        assertThat(ArchiveCipher.isEncrypted(in)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveCipher.decrypt(in, out, KEY);
        return out.toByteArray();
    }

    @Test
    void everySizeRoundTrips() throws IOException {
        Random r = new Random(42);
        for (int size : new int[] {0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 5}) {
            byte[] plain = new byte[size];
            r.nextBytes(plain);
            byte[] sealed = encrypt(plain);
            assertThat(decrypt(sealed)).as("size %d", size).isEqualTo(plain);
            if (size >= 16) {
                // a random nonce makes each sealing differ: one byte of it matches the plain byte 1 time in 256
                assertThat(Arrays.copyOfRange(sealed, 16, 16 + 16)).as("not in clear, size %d", size)
                        .isNotEqualTo(Arrays.copyOf(plain, 16));
            }
        }
    }

    @Test
    void aCutOrAlteredFileDoesNotDecrypt() throws IOException {
        byte[] plain = new byte[2 * S + 10];
        new Random(1).nextBytes(plain);
        byte[] sealed = encrypt(plain);
        int firstTwoSegments = 16 + 2 * (S + 16);
        assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, firstTwoSegments))).as("cut at a segment boundary")
                .isInstanceOf(IOException.class);
        byte[] altered = sealed.clone();
        altered[100] ^= 1;
        assertThatThrownBy(() -> decrypt(altered)).isInstanceOf(IOException.class);
        assertThat(ArchiveCipher.isEncrypted(new ByteArrayInputStream("name;founded\n".getBytes()))).isFalse();
    }

    @Test
    void theWarmUpEndsWithinItsBudgetAndLeavesTheFormatAsItWas() throws IOException {
        byte[] plain = new byte[S + 3];
        new Random(7).nextBytes(plain);
        long t0 = System.nanoTime();
        int rounds = ArchiveCipher.warmUp(KEY, Duration.ofSeconds(2));
        assertThat(rounds).isPositive();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(ArchiveCipher.warmUp(KEY, Duration.ZERO)).as("no budget, no round").isZero();
        assertThat(decrypt(encrypt(plain))).isEqualTo(plain);
    }
}
