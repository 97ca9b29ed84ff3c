package be.micmons.warehouse.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.incubators.PartnerRegistry;
import be.micmons.warehouse.intake.FileRejectedException;
import jakarta.validation.Validation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader for every layout: a wrong partner or provider YAML says which key is wrong. */
class LayoutReaderTest {
    private static final String GOOD = """
            id: test-site
            name: Test
            csv:
              charset: UTF-8
              delimiter: ";"
              header-line: 1
              date-formats: ["dd/MM/yyyy"]
            columns:
              name: ["Nom"]
              postal_code: ["CP"]
            """;
    private final LayoutReader reader = new LayoutReader(Validation.buildDefaultValidatorFactory().getValidator());

    @TempDir
    Path dir;

    private PartnerRegistry partners() {
        return new PartnerRegistry(new MicProperties(null, null, dir, null, null, null, null), reader);
    }

    private String problem(String yaml) throws IOException {
        Files.writeString(dir.resolve("test-site.yaml"), yaml);
        try {
            partners().layout("test-site");
            throw new AssertionError("the layout was accepted:\n" + yaml);
        } catch (FileRejectedException e) {
            return e.getMessage();
        }
    }

    @Test
    void aBadPartnerLayoutSaysWhichKeyIsWrong() throws IOException {
        assertThat(problem(GOOD.replace("header-line: 1", "header-line: 0"))).contains("csv.header-line: counts from 1");
        assertThat(problem(GOOD.replace("header-line: 1", "header_line: 2")))
                .contains("unknown key 'csv.header_line'").contains("header-line");
        assertThat(problem(GOOD.replace("header-line: 1", "header-line: two"))).contains("key 'csv.header-line'");
        assertThat(problem(GOOD.replace("charset: UTF-8", "charset: UTF-9"))).contains("csv.charset: is not a character set");
        assertThat(problem(GOOD.replace("delimiter: \";\"", "delimiter: \";;\""))).contains("csv.delimiter: must be one character");
        assertThat(problem(GOOD.replace("header-line: 1", "skip-lines-matching: \"([\""))).contains("csv.skip-lines-matching");
        assertThat(problem(GOOD.replace("[\"dd/MM/yyyy\"]", "[\"dd/MM/yyyy pp{\"]"))).contains("csv.date-formats");
        assertThat(problem(GOOD.replace("postal_code:", "code_postal:"))).contains("columns.code_postal: unknown field");
        assertThat(problem(GOOD.replace("name: [\"Nom\"]", "founders: [\"Fondateurs\"]"))).contains("columns.name: is required");
        assertThat(problem(GOOD.replace("[\"CP\"]", "[]"))).contains("columns: every field needs at least one header text");
        assertThat(problem(GOOD.replace("id: test-site", "id: Test Site"))).contains("id: must be lower-case");
        assertThat(problem(GOOD.replace("columns:", "colums:"))).contains("unknown key 'colums'");
        assertThat(problem(GOOD + "deliveries: {every: quarter, due_days: 15}\n")).contains("unknown key 'deliveries.due_days'");
        assertThat(problem(GOOD + "deliveries: {every: quarter, due-days: -1}\n")).contains("deliveries.due-days: cannot be negative");
        // the file is named too
        assertThat(problem(GOOD.replace("header-line: 1", "header-line: 0"))).contains("test-site.yaml");
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Sftp(String host, String user) {}

    @Test
    void optionalBlocksOfOtherFeaturesAreAccepted() throws Exception {
        Files.writeString(dir.resolve("test-site.yaml"), GOOD
                + "sftp:\n  host: 127.0.0.1\n  user: mic\n  remote-dir: /outbox\n"
                + "deliveries:\n  every: month\n  due-days: 10\n");
        SourceLayout layout = partners().layout("test-site");
        assertThat(layout.sftp().get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(layout.deliveries()).isEqualTo(new SourceLayout.Deliveries("month", 10));
        assertThat(partners().blocks("sftp", Sftp.class)).containsEntry("test-site", new Sftp("127.0.0.1", "mic"));
    }

    @Test
    void everyShippedLayoutIsRead() throws Exception {
        for (String folder : List.of("config/partners", "config/providers")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        SourceLayout l = reader.read(in, f.toString(), SourceLayout.class);
                        assertThat(l.id()).as(f.toString()).isEqualTo(f.getFileName().toString().replace(".yaml", ""));
                    }
                }
            }
        }
    }

    @Test
    void oneHeaderMatcherIgnoringCaseAccentsAndSpaces() throws Exception {
        SourceLayout l = reader.read(new ByteArrayInputStream(GOOD.replace("[\"CP\"]", "[\"Code postal\", \"CP\"]")
                .getBytes(StandardCharsets.UTF_8)), "test", SourceLayout.class);
        HeaderMatcher.Columns cols = HeaderMatcher.match(l, List.of("\uFEFFNOM ", "x", "cp", "codepostal"));
        assertThat(cols.indexOf("name")).isZero();
        assertThat(cols.indexOf("postal_code")).isEqualTo(3);  // the first alias wins, wherever it is
        assertThat(cols.header("postal_code")).isEqualTo("codepostal");
        assertThat(cols.missing(List.of("name", "city"))).containsExactly("city");
    }
}
