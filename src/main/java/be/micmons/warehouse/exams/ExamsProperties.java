package be.micmons.warehouse.exams;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the exams feature besides the test-centre database. */
@ConfigurationProperties("mic.exams")
public record ExamsProperties(@DefaultValue("./config/certifications.yaml") Path catalogueFile,
                              @DefaultValue("./config/providers") Path providersDir) {}
