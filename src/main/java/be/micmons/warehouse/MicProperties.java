package be.micmons.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Core settings under {@code mic.*} (DESIGN §4). Features keep their own settings classes. */
@ConfigurationProperties("mic")
public record MicProperties(
        @DefaultValue("./inbox") Path inboxDir,
        @DefaultValue("./data/archive") Path archiveDir,
        @DefaultValue("./config/partners") Path partnersDir,
        @DefaultValue("./config/convention.yaml") Path conventionFile,
        @DefaultValue Intake intake,
        @DefaultValue Embedded embedded,
        @DefaultValue Demo demo) {

    /** How files are taken from the inbox. */
    public record Intake(@DefaultValue("2s") Duration minAge,
                         @DefaultValue("100000") int maxDetailedRejects,
                         @DefaultValue("100000") int maxLineChars,
                         @DefaultValue("2s") Duration progressInterval) {}

    /** The embedded PostgreSQL used when no spring.datasource.url is given. */
    public record Embedded(@DefaultValue("./data/warehouse") Path dataDir,
                           @DefaultValue("false") boolean cleanDataDirectory,
                           @DefaultValue("true") boolean durable) {}

    /** Quick start: load samples/ into an empty warehouse (null = only with the embedded default). */
    public record Demo(Boolean loadSamples, @DefaultValue("./samples") Path samplesDir) {}
}
