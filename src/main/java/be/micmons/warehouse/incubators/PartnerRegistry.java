package be.micmons.warehouse.incubators;

import be.micmons.warehouse.MicProperties;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.InboxFolders;
import be.micmons.warehouse.layout.LayoutException;
import be.micmons.warehouse.layout.LayoutReader;
import be.micmons.warehouse.layout.SourceLayout;
import be.micmons.warehouse.ConfigFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads partner layouts from {@code mic.partners-dir} at each import, so adding a partner is one
 * YAML file, with no restart.
 */
@Component
public class PartnerRegistry implements InboxFolders {
    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);
    /** The canonical fields of DESIGN §5.2; only name is required. */
    public static final List<String> FIELDS = List.of("name", "enterprise_number", "legal_form", "creation_date",
            "postal_code", "city", "theme", "programme", "support_start", "status", "founders");

    private final Path dir;
    private final LayoutReader reader;

    public PartnerRegistry(MicProperties props, LayoutReader reader) {
        this.dir = props.partnersDir();
        this.reader = reader;
    }

    /** The layout of a partner, checked; the file fails with a clear reason when it is missing or wrong. */
    public SourceLayout layout(String partnerId) throws FileRejectedException {
        Path yaml = file(partnerId);
        if (yaml == null) {
            throw FileRejectedException.configuration("No layout is configured for partner '" + partnerId
                    + "': add " + dir.resolve(partnerId + ".yaml") + " describing its CSV columns (see DESIGN §5.2).", null);
        }
        try {
            return read(yaml, partnerId);
        } catch (LayoutException e) {
            throw FileRejectedException.configuration(e.getMessage(), e);
        }
    }

    private SourceLayout read(Path yaml, String partnerId) throws LayoutException {
        String where = "The layout " + yaml + " of partner '" + partnerId + "'";
        SourceLayout layout;
        try (InputStream in = Files.newInputStream(yaml)) {
            layout = reader.read(in, where, SourceLayout.class);
        } catch (IOException e) {
            throw new LayoutException(where + " cannot be read: " + e.getMessage(), e);
        }
        LayoutReader.checkFields(layout, where, FIELDS, Map.of("name", "the header text of the company name"));
        return layout;
    }

    /**
     * Partner id -> one block of its layout (e.g. {@code sftp}) bound to {@code type}, for the
     * partners whose layout has it; read once, from the same checked layouts as the imports.
     * A layout that cannot be read is left out with a warning.
     */
    public <T> Map<String, T> blocks(String key, Class<T> type) throws IOException {
        Map<String, T> out = new LinkedHashMap<>();
        for (String id : ids()) {
            try {
                SourceLayout layout = read(file(id), id);
                JsonNode block = switch (key) {
                    case "sftp" -> layout.sftp();
                    case "deliveries" -> ConfigFiles.yamlMapper().valueToTree(layout.deliveries());
                    default -> throw new IllegalArgumentException("no block " + key + " in partner layouts");
                };
                if (block != null && !block.isNull()) {
                    out.put(id, ConfigFiles.yamlMapper().treeToValue(block, type));
                }
            } catch (LayoutException | IOException e) {
                log.warn("{}", e.getMessage());
            }
        }
        return out;
    }

    @Override
    public String source() {
        return "incubators";
    }

    /** Every configured partner id. */
    @Override
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
}
