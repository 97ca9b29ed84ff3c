package be.micmons.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file of {@code config/}, falling back to the copy packaged in the jar under {@code defaults/}. */
public final class ConfigFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigFiles() {
    }

    /** The YAML reader of config files (layouts copy it and refuse unknown keys). */
    public static ObjectMapper yamlMapper() {
        return YAML;
    }

    public static InputStream open(Path file) throws IOException {
        return open(file, packaged(file));
    }

    /** Same, with the packaged copy's path in the jar (e.g. {@code defaults/config/providers/certiport.yaml}). */
    public static InputStream open(Path file, String packagedPath) throws IOException {
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(packagedPath);
        if (in == null) {
            throw new IOException("no file " + file.toAbsolutePath() + " and no packaged default " + packagedPath);
        }
        return in;
    }

    /** The file read as YAML into {@code type} (unknown keys are for the type to ignore). */
    public static <T> T readYaml(Path file, Class<T> type) throws IOException {
        try (InputStream in = open(file)) {
            return YAML.readValue(in, type);
        }
    }

    /** Where the content comes from, for the log. */
    public static String locate(Path file) {
        return Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : "jar:" + packaged(file);
    }

    private static String packaged(Path file) {
        return "defaults/config/" + file.getFileName();
    }
}
