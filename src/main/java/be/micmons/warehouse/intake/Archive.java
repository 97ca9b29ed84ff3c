package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.privacy.KeyFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Content-addressed archive of every ingested file: {@code <archive>/<source>/<ab>/<sha256>},
 * encrypted at rest with AES-256-GCM (DESIGN §16; key {@code mic.archive.key-file}, created on
 * first start, mode 600), files 600 and folders 700. The callers' API is unchanged:
 * {@link #store} takes a clear file, {@link #restore} gives one back; both stream.
 */
@Component
public class Archive {
    /** A staged or restored work file older than this was left by a crash (younger: another instance's). */
    static final Duration STALE_WORK_FILE = Duration.ofDays(1);

    /**
     * Taken shared by a transaction that stores a copy its own commit will refer to (the HR pull),
     * exclusive by the sweep of copies that no import refers to ({@code ArchiveRetention#sweep}).
     */
    public static final String STORE_LOCK = "select pg_advisory_xact_lock_shared(hashtext('mic-archive-sweep'))";
    public static final String SWEEP_LOCK = "select pg_advisory_xact_lock(hashtext('mic-archive-sweep'))";
    /** A content moved aside while the sweep decides on it. */
    private static final String ASIDE = ".sweep";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final Logger log = LoggerFactory.getLogger(Archive.class);
    private static final int BUFFER = 1 << 16;
    /** At most this long on one core, once per start (see {@link ArchiveCipher#warmUp}). */
    private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(5);

    private final Path root;
    private final SecretKey key;

    @org.springframework.beans.factory.annotation.Autowired
    public Archive(MicProperties props, @Value("${mic.archive.key-file:./data/keys/archive.key}") Path keyFile)
            throws IOException {
        this(props.archiveDir(), keyFile);
    }

    /** An archive folder and its key file (tools and tests that read an archive outside the app). */
    public Archive(Path root, Path keyFile) throws IOException {
        this.root = root;
        String hex = KeyFiles.readOrCreate(keyFile, () -> KeyFiles.randomHex(32));
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (bytes.length != 32) {
            throw new IllegalStateException(keyFile + " must hold a 256-bit key in hex (64 characters)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * Once the app is up, on a background thread: gets hashing and encryption compiled before the
     * first file (see {@link ArchiveCipher#warmUp}). Not during the start, which keeps the JIT's
     * queue so long that it took 3 to 4 s of a core instead of 0.4 to 0.7 s.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                int rounds = ArchiveCipher.warmUp(key, WARM_UP_BUDGET);
                log.info("Archive hashing and encryption warmed up in {} ms ({} rounds)",
                        (System.nanoTime() - t0) / 1_000_000, rounds);
            } catch (IOException | RuntimeException e) {
                log.warn("Archive warm-up stopped: {}", e.toString());
            }
        }, "archive-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** SHA-256 of a file's bytes, streamed. */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.newInputStream(file));
    }

    /** SHA-256 of a stream's bytes (closed at the end). */
    static String sha256(InputStream stream) throws IOException {
        MessageDigest md = sha256Digest();
        try (InputStream in = new DigestInputStream(stream, md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Encrypts the file into the archive (once per content) and returns where it is kept. */
    public Path store(String source, String sha256, Path file) throws IOException {
        return commit(stage(source, sha256, file), source, sha256);
    }

    /**
     * The slow half of {@link #store}, which may run beside the load: the file encrypted into a
     * private {@code .part} file beside its place (null when the content is archived already).
     */
    public Path stage(String source, String sha256, Path file) throws IOException {
        Path target = pathOf(source, sha256);
        if (Files.exists(target)) {
            return null;
        }
        privateDirs(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha256, ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = ArchiveCipher.encrypting(Files.newOutputStream(tmp), key)) {
                in.transferTo(out);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The quick half: the staged file renamed into its place; returns where it is kept. */
    public Path commit(Path staged, String source, String sha256) throws IOException {
        Path target = pathOf(source, sha256);
        if (staged != null) {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** A staged file that is not to be kept after all. */
    public void discard(Path staged) throws IOException {
        if (staged != null) {
            Files.deleteIfExists(staged);
        }
    }

    public Path pathOf(String source, String sha256) {
        return root.resolve(source).resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** True when the archive holds that content. */
    public boolean has(String source, String sha256) {
        return Files.isRegularFile(pathOf(source, sha256));
    }

    /**
     * Writes the clear content of an archived file to {@code out} (an archive of an earlier version,
     * still in clear, is copied as it is) and returns its SHA-256.
     */
    public String copyOut(String source, String sha256, OutputStream out) throws IOException {
        return copyOut(pathOf(source, sha256), out);
    }

    String copyOut(Path kept, OutputStream out) throws IOException {
        MessageDigest md = sha256Digest();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(kept), BUFFER);
             OutputStream digesting = new DigestOutputStream(out, md) {
                 @Override
                 public void close() {
                     // the caller's stream stays open
                 }
             }) {
            in.mark(ArchiveCipher.MAGIC.length);
            if (ArchiveCipher.isEncrypted(in)) {
                ArchiveCipher.decrypt(in, digesting, key);
            } else {
                in.reset();
                in.transferTo(digesting);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * A clear copy of an archived file in a private folder of the archive, for a replay; null when
     * it is missing, altered or does not decrypt. The caller deletes it.
     */
    public Path restore(String source, String sha256) throws IOException {
        Path kept = pathOf(source, sha256);
        if (!Files.isRegularFile(kept)) {
            return null;
        }
        Path dir = root.resolve(".restore");
        privateDirs(dir);
        Path clear = Files.createTempFile(dir, sha256, ".clear",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(clear)) {
            ok = sha256.equals(copyOut(kept, out));
        } catch (IOException e) {
            log.warn("The archived copy {} does not decrypt: {}", kept, e.getMessage());
        } finally {
            if (!ok) {
                Files.deleteIfExists(clear);
            }
        }
        return ok ? clear : null;
    }

    /** One content kept in the archive: its source's folder and its SHA-256. */
    public record Content(String source, String sha256) {}

    /** What {@link #survey} found: the copies it put back, and the contents last written before the given time. */
    record Survey(int putBack, List<Content> writtenBefore) {}

    /**
     * One walk of the folders, under the sweep's lock: what a sweep cut short (a killed instance)
     * had set aside goes back in its place, and every content file last written before
     * {@code before} is listed (links, work files and files of another shape are left out).
     */
    Survey survey(Instant before) throws IOException {
        List<Content> old = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Survey(0, old);
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(root, 3)) {
            files = all.filter(p -> root.relativize(p).getNameCount() == 3 && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        int back = 0;
        for (Path p : files) {
            String name = p.getFileName().toString();
            boolean aside = name.endsWith(ASIDE);
            if (aside) {
                name = name.substring(0, name.length() - ASIDE.length());
            }
            if (!SHA256.matcher(name).matches() || !p.getParent().getFileName().toString().equals(name.substring(0, 2))) {
                continue;
            }
            if (aside) {
                back++;
                Path target = p.resolveSibling(name);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p); // a copy stored since holds the same content (and is listed itself)
                    continue;
                }
                Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                p = target;
            }
            if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                old.add(new Content(p.getParent().getParent().getFileName().toString(), name));
            }
        }
        return new Survey(back, old);
    }

    /**
     * Moves a content aside while the sweep decides on it (null when it is gone already): an import
     * storing the same content meanwhile writes a new copy rather than counting on this one.
     */
    Path setAside(Content c) throws IOException {
        Path target = pathOf(c.source(), c.sha256());
        Path aside = target.resolveSibling(c.sha256() + ASIDE);
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** A content set aside goes back in its place (a copy stored meanwhile holds the same content). */
    void putBack(Path aside, Content c) throws IOException {
        Files.move(aside, pathOf(c.source(), c.sha256()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes an archived file (retention); true when it was there. */
    public boolean purge(String source, String sha256) throws IOException {
        return Files.deleteIfExists(pathOf(source, sha256));
    }

    /**
     * One-time upgrade of an archive written by an earlier version: every clear file encrypted in
     * place (written beside, renamed in), every file 600 and every folder 700. Idempotent.
     */
    public int upgrade() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        privateDirs(root);
        int encrypted = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    KeyFiles.privateDir(p);
                    continue;
                }
                String name = p.getFileName().toString();
                if (name.endsWith(".part") || p.getParent().getFileName().toString().equals(".restore")) {
                    // left by a crash, or being written right now by another instance sharing the archive:
                    // only an old one is a leftover (found by the fault campaign, issue 17)
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(java.time.Instant.now().minus(STALE_WORK_FILE))) {
                        Files.deleteIfExists(p);
                    }
                    continue;
                }
                KeyFiles.restrict(p);
                boolean clear;
                try (InputStream in = Files.newInputStream(p)) {
                    clear = !ArchiveCipher.isEncrypted(in);
                }
                if (clear) {
                    Path tmp = Files.createTempFile(p.getParent(), name, ".part",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (InputStream in = Files.newInputStream(p);
                         OutputStream out = ArchiveCipher.encrypting(Files.newOutputStream(tmp), key)) {
                        in.transferTo(out);
                    }
                    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    encrypted++;
                }
            }
        }
        if (encrypted > 0) {
            log.info("Archive {}: {} file(s) kept in clear by an earlier version are now encrypted (AES-256-GCM)",
                    root.toAbsolutePath().normalize(), encrypted);
        }
        return encrypted;
    }

    private void privateDirs(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path top = root.toAbsolutePath().normalize();
        Files.createDirectories(abs);
        for (Path p = abs; p != null && p.startsWith(top); p = p.getParent()) {
            KeyFiles.privateDir(p);
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
