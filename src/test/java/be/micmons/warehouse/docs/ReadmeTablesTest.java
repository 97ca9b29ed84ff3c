package be.micmons.warehouse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** The README's tables cannot go stale: the places its rules table names exist, every mic.* setting is in it. */
class ReadmeTablesTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern VALUE = Pattern.compile("\\$\\{(mic\\.[a-z0-9.-]+)");

    private static String section(String text, String heading) {
        int at = text.indexOf("\n## " + heading);
        assertThat(at).as("README section '" + heading + "'").isNotNegative();
        int end = text.indexOf("\n## ", at + 4);
        return end < 0 ? text.substring(at) : text.substring(at, end);
    }

    @Test
    void everyPlaceOfTheRulesTableExists() throws IOException {
        String rules = section(Files.readString(README), "Where the rules live");
        List<String> missing = new ArrayList<>();
        int places = 0;
        for (String line : rules.lines().filter(l -> l.startsWith("|")).toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 3) {
                continue;
            }
            Matcher m = CODE.matcher(cells[2]);
            while (m.find()) {
                String place = m.group(1);
                if (!place.contains("/")) {
                    continue; // a view or table name, not a file
                }
                places++;
                if (Stream.of("src/main/java/be/micmons/warehouse/", "src/main/resources/", "")
                        .map(prefix -> Path.of(prefix + place)).noneMatch(Files::exists)) {
                    missing.add(place);
                }
            }
        }
        assertThat(places).as("files named by the rules table").isGreaterThan(5);
        assertThat(missing).as("places of the rules table that do not exist").isEmpty();
    }

    @Test
    void everyMicSettingIsInTheReadme() throws Exception {
        String readme = Files.readString(README);
        List<String> absent = new ArrayList<>();
        for (String property : boundProperties()) {
            if (!mentioned(readme, property)) {
                absent.add(property);
            }
        }
        assertThat(absent).as("mic.* settings the code binds that the README does not name").isEmpty();
    }

    /** Named in full, or as a sibling written after another setting of its group (`a.b.x` / `y`). */
    private static boolean mentioned(String readme, String property) {
        if (readme.contains(property)) {
            return true;
        }
        int dot = property.lastIndexOf('.');
        String group = property.substring(0, dot + 1);
        String leaf = property.substring(dot + 1);
        return Pattern.compile(Pattern.quote(group) + "[a-z0-9-]+`?\\s*/\\s*`?" + Pattern.quote(leaf) + "\\b")
                .matcher(readme).find();
    }

    /** The mic.* properties of every @ConfigurationProperties record and @Value of the code. */
    static TreeSet<String> boundProperties() throws Exception {
        TreeSet<String> out = new TreeSet<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition bd : scanner.findCandidateComponents("be.micmons.warehouse")) {
            Class<?> type = Class.forName(bd.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (prefix.isEmpty()) {
                prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
            }
            collect(prefix, type, out);
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = VALUE.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static void collect(String prefix, Class<?> type, TreeSet<String> out) {
        if (!type.isRecord()) {
            out.add(prefix);
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (c.getType().isRecord() && c.getType().getName().startsWith("be.micmons")) {
                collect(name, c.getType(), out);
            } else {
                out.add(name);
            }
        }
    }
}
