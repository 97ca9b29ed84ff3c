package be.micmons.warehouse.intake;

import be.micmons.warehouse.MicProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Content-addressed archive of every ingested file: {@code <archive>/<source>/<ab>/<sha256>}. */
@Component
public class Archive {
    private final Path root;

    public Archive(MicProperties props) {
        this.root = props.archiveDir();
    }

    /** SHA-256 of a file's bytes, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Copies the file into the archive (once per content) and returns where it is kept. */
    public Path store(String source, String sha256, Path file) throws IOException {
        Path target = pathOf(source, sha256);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha256, ".part");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    public Path pathOf(String source, String sha256) {
        return root.resolve(source).resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
