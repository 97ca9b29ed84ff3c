package be.micmons.warehouse.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Secrets kept in files of their own (DESIGN §16): created once, mode 600 in a folder 700, written
 * beside and renamed in so a crash never leaves half a key; the first writer wins when several
 * instances start at once.
 */
public final class KeyFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /** The text of the file, created with {@code fresh} when it does not exist yet. */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (!Files.exists(file)) {
            create(file, fresh.get());
        }
        restrict(file);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** A random key of n bytes in hex, for {@link #readOrCreate}. */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Writes a new file (600); an existing one is left as it is and false returned. */
    public static boolean create(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        privateDir(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content + System.lineSeparator(), StandardCharsets.UTF_8);
            try {
                // a hard link never replaces: a key another instance wrote meanwhile wins
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates a folder (and its parents) and makes it 700. */
    public static void privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own ACLs apply
        }
    }

    /** Makes a file 600. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
