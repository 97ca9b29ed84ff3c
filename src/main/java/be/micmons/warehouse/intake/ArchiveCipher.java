package be.micmons.warehouse.intake;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
