package be.micmons.warehouse.exams;

import be.micmons.warehouse.ConfigFiles;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.InboxFolders;
import be.micmons.warehouse.layout.LayoutException;
import be.micmons.warehouse.layout.LayoutReader;
import be.micmons.warehouse.layout.SourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Exam provider layouts, one YAML file each in {@code mic.exams.providers-dir} (default
 * {@code ./config/providers}, else the copies packaged in the jar): a fourth provider is a file.
 * Read at each import, like partner layouts.
 */
@Component
public class ExamProviders implements InboxFolders {
    private static final String PACKAGED = "defaults/config/providers/";
    /** The exam row fields a layout may name, as written in YAML (registration_id, candidate_ref, ...). */
    static final List<String> FIELDS = Arrays.stream(ExamRowNormalizer.Field.values())
            .filter(f -> f != ExamRowNormalizer.Field.PROVIDER)
            .map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList();

    private final Path dir;
    private final LayoutReader reader;

    public ExamProviders(ExamsProperties props, LayoutReader reader) {
        this.dir = props.providersDir();
        this.reader = reader;
    }

    @Override
    public String source() {
        return "exams";
    }

    /** The layout of a provider folder; the file fails with a clear reason when there is none or it is wrong. */
    public SourceLayout layout(String id) throws FileRejectedException {
        if (id == null || !ids().contains(id)) {
            throw FileRejectedException.configuration("The folder exams/" + id + " is not an exam provider: drop exports in "
                    + String.join(", ", ids().stream().map(p -> "exams/" + p).toList())
                    + ", or describe the provider in " + dir.resolve(id + ".yaml") + ".", null);
        }
        Path file = dir.resolve(id + ".yaml");
        String where = "The provider layout " + ConfigFiles.locate(file);
        try (InputStream in = ConfigFiles.open(file, PACKAGED + id + ".yaml")) {
            SourceLayout layout = reader.read(in, where, SourceLayout.class);
            LayoutReader.checkFields(layout, where, FIELDS, Map.of(
                    "candidate_ref", "the candidate id", "exam_code", "the exam code", "date", "the exam date"));
            if (layout.id() != null && !layout.id().equals(id)) {
                throw new LayoutException(where + " is wrong: id: '" + layout.id() + "' must be the file's name, " + id,
                        null);
            }
            if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new LayoutException(where + " is wrong: its file name must be lower-case letters, digits and '-'",
                        null);
            }
            if (layout.defaults() != null && !List.of("status").containsAll(layout.defaults().keySet())) {
                throw new LayoutException(where + " is wrong: defaults: only status can have a default in an exam"
                        + " export, got " + layout.defaults().keySet(), null);
            }
            String status = layout.defaults() == null ? null : layout.defaults().get("status");
            if (status != null && ExamOutcome.status(status).isEmpty()) {
                throw new LayoutException(where + " is wrong: defaults.status: '" + status
                        + "' is not Delivered, No Show, Cancelled or Delivery Failed", null);
            }
            return layout;
        } catch (IOException e) {
            throw FileRejectedException.configuration(where + " cannot be read: " + e.getMessage(), e);
        } catch (LayoutException e) {
            throw FileRejectedException.configuration(e.getMessage(), e);
        }
    }

    /** The configured providers: the folder's files, else the packaged ones. */
    @Override
    public List<String> ids() {
        TreeSet<String> ids = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - ".yaml".length())));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.copyOf(ids);
        }
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + PACKAGED + "*.yaml")) {
                String n = r.getFilename();
                if (n != null) {
                    ids.add(n.substring(0, n.length() - ".yaml".length()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(ids);
    }
}
