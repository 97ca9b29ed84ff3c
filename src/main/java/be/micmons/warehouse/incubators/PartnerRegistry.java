package be.micmons.warehouse.incubators;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.intake.FileRejectedException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads partner layouts from {@code mic.partners-dir} at each import, so adding a partner is one
 * YAML file, with no restart.
 */
@Component
public class PartnerRegistry {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path dir;

    public PartnerRegistry(MicProperties props) {
        this.dir = props.partnersDir();
    }

    /** The layout of a partner, checked; the file fails with a clear reason when it is missing or wrong. */
    public PartnerLayout layout(String partnerId) throws FileRejectedException {
        Path yaml = file(partnerId);
        if (yaml == null) {
            throw FileRejectedException.configuration("No layout is configured for partner '" + partnerId
                    + "': add " + dir.resolve(partnerId + ".yaml") + " describing its CSV columns (see DESIGN §5.2).", null);
        }
        PartnerLayout layout;
        try {
            layout = YAML.readValue(yaml.toFile(), PartnerLayout.class);
        } catch (IOException e) {
            throw FileRejectedException.configuration("The layout " + yaml + " of partner '" + partnerId
                    + "' cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = check(layout);
        if (!problems.isEmpty()) {
            throw FileRejectedException.configuration("The layout " + yaml + " of partner '" + partnerId + "' is wrong: "
                    + String.join("; ", problems), null);
        }
        return layout;
    }

    /** Every configured partner id. */
    public List<String> ids() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.lastIndexOf('.')))
                    .sorted().toList();
        }
    }

    private Path file(String partnerId) {
        for (String ext : List.of(".yaml", ".yml")) {
            Path p = dir.resolve(partnerId + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> check(PartnerLayout l) {
        List<String> problems = new ArrayList<>();
        if (l.columns() == null || l.columns().get("name") == null || l.columns().get("name").isEmpty()) {
            problems.add("'columns.name' is required (the header text of the company name)");
        }
        if (l.columns() != null) {
            for (String field : l.columns().keySet()) {
                if (!PartnerLayout.FIELDS.contains(field)) {
                    problems.add("unknown field '" + field + "' under columns (known: " + PartnerLayout.FIELDS + ")");
                }
            }
        }
        if (l.csv() != null) {
            if (l.csv().charset() != null) {
                try {
                    Charset.forName(l.csv().charset());
                } catch (RuntimeException e) {
                    problems.add("unknown charset '" + l.csv().charset() + "'");
                }
            }
            if (l.csv().delimiter() != null && delimiterOf(l.csv().delimiter()) == 0) {
                problems.add("the delimiter must be one character, got '" + l.csv().delimiter() + "'");
            }
            if (l.csv().headerLine() != null && l.csv().headerLine() < 1) {
                problems.add("header-line counts from 1");
            }
            if (l.csv().skipLinesMatching() != null) {
                try {
                    Pattern.compile(l.csv().skipLinesMatching());
                } catch (PatternSyntaxException e) {
                    problems.add("skip-lines-matching is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        return problems;
    }

    /** ";" or "\t" (also written "tab") to a char; 0 when invalid. */
    static char delimiterOf(String d) {
        if (d == null || d.isEmpty()) {
            return ';';
        }
        if (d.equalsIgnoreCase("tab") || d.equals("\\t")) {
            return '\t';
        }
        return d.length() == 1 ? d.charAt(0) : 0;
    }
}
