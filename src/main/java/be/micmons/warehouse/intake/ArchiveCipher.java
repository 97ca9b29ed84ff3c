package be.micmons.warehouse.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Archive files encrypted at rest (DESIGN §16) with AES-256-GCM from the JDK, in segments of
 * 1 MiB so a 1 GB file is never held in memory (the JDK's GCM releases nothing before the tag is
 * checked): {@code MICARC01}, a random 8-byte file nonce, then segments of ciphertext and tag. The
 * nonce of segment i is the file nonce and i; the last segment is marked in its associated data,
 * so a file cut at a segment boundary, reordered or altered does not decrypt.
 */
final class ArchiveCipher {
    static final byte[] MAGIC = "MICARC01".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT = 1 << 20;
    private static final int TAG = 16;
    private static final int UPDATE = 1 << 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The warm-up's probe: 64 KiB hashed, encrypted and decrypted take about 0.6 ms of a core warm, 10 ms cold. */
    private static final int WARM_PROBE = 1 << 16;
    private static final long WARM_PROBE_FAST_NANOS = 2_000_000;
    private static final int WARM_FAST_ROUNDS = 3;
    private static final int WARM_CALLS = 500;
    private static final int WARM_CALL_BYTES = 128;

    private ArchiveCipher() {
    }

    /** True when the stream starts like an encrypted archive file (it is consumed). */
    static boolean isEncrypted(InputStream in) throws IOException {
        return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }

    static OutputStream encrypting(OutputStream out, SecretKey key) throws IOException {
        byte[] prefix = new byte[8];
        RANDOM.nextBytes(prefix);
        out.write(MAGIC);
        out.write(prefix);
        return new Encrypting(out, key, prefix);
    }

    /** Decrypts everything after the magic into out; throws when the file is altered or cut. */
    static void decrypt(InputStream in, OutputStream out, SecretKey key) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length != 8) {
            throw new EOFException("the archived file is cut short");
        }
        Cipher c = cipher();
        byte[] seg = new byte[SEGMENT + TAG];
        byte[] plain = new byte[SEGMENT + TAG];
        int n = in.readNBytes(seg, 0, seg.length);
        long index = 0;
        while (true) {
            int next = n == seg.length ? in.read() : -1;
            boolean last = next < 0;
            try {
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(prefix, index)));
                c.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
                int p = c.doFinal(seg, 0, n, plain, 0);
                out.write(plain, 0, p);
            } catch (GeneralSecurityException e) {
                throw new IOException("the archived file does not decrypt (altered, cut, or another key)", e);
            }
            if (last) {
                return;
            }
            seg[0] = (byte) next;
            n = 1 + in.readNBytes(seg, 1, seg.length - 1);
            index++;
        }
    }

    /**
     * Gets the archive's three paths (a file's SHA-256, encryption, decryption) compiled onto the
     * CPU's instructions before the first file comes, spending at most {@code budget}; returns the
     * rounds it took. The JDK uses those instructions only from C2-compiled callers, and a cold app
     * compiles them late, behind everything else its start and first import need. Measured on the
     * first import after a start (1M rows, 155 MB): its SHA-256 took 1.2 s instead of 0.3 s, and its
     * encryption 2.9 s of a core instead of 0.1 s, while the load needed both cores.
     *
     * <p>A round makes many small calls, which is what gets code compiled, then times the three
     * paths on 64 KiB; three fast rounds in a row end it.
     */
    static int warmUp(SecretKey key, Duration budget) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] probe = new byte[WARM_PROBE];
        byte[] work = new byte[2 * WARM_CALL_BYTES + TAG];
        MessageDigest md = Archive.sha256Digest();
        Cipher c = cipher();
        Sealed sealed = new Sealed();
        byte[] iv = new byte[12];
        long deadline = System.nanoTime() + budget.toNanos();
        int rounds = 0;
        try {
            for (int fast = 0; fast < WARM_FAST_ROUNDS && System.nanoTime() < deadline; rounds++) {
                for (int i = 0; i < WARM_CALLS; i++) {
                    md.update(work, 0, WARM_CALL_BYTES);
                    ByteBuffer.wrap(iv).putInt(8, i);
                    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
                    int n = c.update(work, 0, WARM_CALL_BYTES, work, WARM_CALL_BYTES);
                    n += c.doFinal(work, 0, 0, work, WARM_CALL_BYTES + n);
                    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
                    c.doFinal(work, WARM_CALL_BYTES, n, work, 0);
                }
                long t0 = threads.getCurrentThreadCpuTime(); // its own time: the start keeps both cores busy
                Archive.sha256(new ByteArrayInputStream(probe));
                sealed.reset();
                try (OutputStream out = encrypting(sealed, key)) {
                    out.write(probe);
                }
                InputStream in = sealed.in();
                isEncrypted(in);
                decrypt(in, OutputStream.nullOutputStream(), key);
                fast = threads.getCurrentThreadCpuTime() - t0 < WARM_PROBE_FAST_NANOS ? fast + 1 : 0;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return rounds;
    }

    /** An encrypted probe kept in memory and read back without a copy. */
    private static final class Sealed extends ByteArrayOutputStream {
        Sealed() {
            super(WARM_PROBE + 64);
        }

        InputStream in() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    private static Cipher cipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonce(byte[] prefix, long index) {
        if (index > 0xFFFF_FFFFL) {
            throw new IllegalStateException("file too large for the archive format");
        }
        return ByteBuffer.allocate(12).put(prefix).putInt((int) index).array();
    }

    private static final class Encrypting extends FilterOutputStream {
        private final SecretKey key;
        private final byte[] prefix;
        private final Cipher c = cipher();
        private final byte[] buf = new byte[SEGMENT];
        private final byte[] sealed = new byte[SEGMENT + TAG];
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, SecretKey key, byte[] prefix) {
            super(out);
            this.key = key;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == SEGMENT) {
                    seal(false); // a full segment is the last one only if nothing follows: known at close
                }
                int k = Math.min(len, SEGMENT - filled);
                System.arraycopy(b, off, buf, filled, k);
                filled += k;
                off += k;
                len -= k;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(prefix, index++)));
                c.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
                // The same ciphertext as one doFinal of the segment, fed in small updates: the JDK's
                // GHASH runs on its CPU intrinsic only from JIT-compiled callers, and one call per MiB
                // is too rare to be compiled (plain Java: 8 s of a core per GB, beside the load, on
                // two cores). In 1 KiB updates: 0.44 s per GB.
                int n = 0;
                int off = 0;
                for (; filled - off > UPDATE; off += UPDATE) {
                    n += c.update(buf, off, UPDATE, sealed, n);
                }
                n += c.doFinal(buf, off, filled - off, sealed, n);
                out.write(sealed, 0, n);
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                super.close();
            }
        }
    }
}
