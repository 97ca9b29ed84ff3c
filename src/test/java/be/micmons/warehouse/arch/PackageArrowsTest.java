package be.micmons.warehouse.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages by feature with arrows only downward, read from the {@code import be.micmons…} lines
 * of {@code src/main/java}: a package imports only packages of a lower layer, no package cycle,
 * and nothing of the web layer (nor Spring MVC, nor the servlet API) below it.
 */
class PackageArrowsTest {
    private static final Path MAIN = Path.of("src/main/java/be/micmons/warehouse");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?be\\.micmons\\.warehouse\\.([a-z][a-z0-9]*)\\.",
            Pattern.MULTILINE);
    private static final Pattern ROOT_IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?be\\.micmons\\.warehouse\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern WEB_IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?(org\\.springframework\\.web|org\\.springframework\\.http|jakarta\\.servlet)\\.", Pattern.MULTILINE);
    private static final String ROOT = "(root)";

    /** Layers, bottom first; a package may import packages of lower layers only. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of(ROOT),                      // Application, MicProperties, ConfigFiles
            Set.of("normalize", "privacy"),
            Set.of("warehouse"),                // the embedded warehouse keeps its password with privacy's KeyFiles
            Set.of("layout", "reliability"),
            Set.of("intake"),
            Set.of("ops"),
            Set.of("incubators", "exams", "hr", "kpi"),
            Set.of("sftp", "nightly"),
            // the web layer
            Set.of("api"),
            Set.of("security"),                // accounts, browser safety, audit: wired by admin's SecurityConfig
            Set.of("admin"),
            Set.of("console"),
            Set.of("report"));
    private static final int WEB = 8;

    record Arrow(String from, String to, String file) {}

    static List<Arrow> arrows() throws IOException {
        List<Arrow> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = packageOf(f);
                String text = Files.readString(f);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        out.add(new Arrow(from, m.group(1), MAIN.relativize(f).toString()));
                    }
                }
                if (!from.equals(ROOT) && ROOT_IMPORT.matcher(text).find()) {
                    out.add(new Arrow(from, ROOT, MAIN.relativize(f).toString()));
                }
            }
        }
        return out;
    }

    private static String packageOf(Path file) {
        Path rel = MAIN.relativize(file.getParent());
        return rel.toString().isEmpty() ? ROOT : rel.getName(0).toString();
    }

    static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void arrowsGoOnlyDownward() throws IOException {
        List<String> upward = new ArrayList<>();
        for (Arrow a : arrows()) {
            int from = layer(a.from());
            int to = layer(a.to());
            if (from >= 0 && to >= 0 && to >= from) {
                upward.add(a.file() + ": " + a.from() + " -> " + a.to());
            }
        }
        assertThat(upward).as("imports of a package of the same or a higher layer (see LAYERS)").isEmpty();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Arrow a : arrows()) {
            graph.computeIfAbsent(a.from(), k -> new TreeSet<>()).add(a.to());
        }
        assertThat(cycles(graph)).as("package cycles").isEmpty();
    }

    @Test
    void noWebTypeBelowTheWebLayer() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int layer = layer(packageOf(f));
                if (layer < 0 || layer >= WEB) {
                    continue;
                }
                Matcher m = WEB_IMPORT.matcher(Files.readString(f));
                if (m.find()) {
                    found.add(MAIN.relativize(f) + " imports " + m.group(1));
                }
            }
        }
        for (Arrow a : arrows()) {
            int from = layer(a.from());
            if (from >= 0 && from < WEB && layer(a.to()) >= WEB) {
                found.add(a.file() + " imports " + a.to());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        graph.put("admin", Set.of("nightly", "api"));
        graph.put("nightly", Set.of("admin"));
        graph.put("api", Set.of());
        assertThat(cycles(graph)).containsExactly("admin -> nightly -> admin");
    }

    /** Each cycle once, as the path that closes it (depth-first search). */
    static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> out = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(start, graph, new ArrayList<>(), done, out);
        }
        return out;
    }

    private static void walk(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
                             List<String> out) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            out.add(String.join(" -> ", cycle));
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            walk(next, graph, path, done, out);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }
}
