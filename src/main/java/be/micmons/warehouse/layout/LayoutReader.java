package be.micmons.warehouse.layout;

import be.micmons.warehouse.ConfigFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a layout YAML into its record (Jackson, unknown keys refused) and checks it with Bean
 * Validation, so a wrong layout says which key is wrong: {@code csv.header-line: counts from 1}.
 */
@Component
public class LayoutReader {
    private final ObjectMapper yaml = ConfigFiles.yamlMapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Validator validator;

    public LayoutReader(Validator validator) {
        this.validator = validator;
    }

    /** The layout in {@code in} ({@code where} names it in messages), checked. */
    public <T> T read(InputStream in, String where, Class<T> type) throws LayoutException {
        T value;
        try {
            value = yaml.readValue(in, type);
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds();
            throw new LayoutException(where + " is wrong: unknown key '" + path(e) + "' (known there: "
                    + new TreeSet<>(known.stream().map(String::valueOf).toList()) + ")", e);
        } catch (JsonMappingException e) {
            throw new LayoutException(where + " is wrong: key '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LayoutException(where + " cannot be read: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new LayoutException(where + " is empty", null);
        }
        Set<ConstraintViolation<T>> problems = validator.validate(value);
        if (!problems.isEmpty()) {
            throw new LayoutException(where + " is wrong: " + problems.stream()
                    .map(v -> key(v.getPropertyPath().toString()) + ": " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")), null);
        }
        return value;
    }

    /**
     * The source's own rules on {@code columns}: only its canonical fields, and those it cannot do
     * without, e.g. {@code columns.name: is required (the header text of the company name)}.
     */
    public static void checkFields(SourceLayout layout, String where, Collection<String> known,
                                   java.util.Map<String, String> mustName) throws LayoutException {
        List<String> problems = new java.util.ArrayList<>();
        mustName.forEach((field, what) -> {
            if (layout.aliases(field).isEmpty()) {
                problems.add("columns." + field + ": is required (" + what + ")");
            }
        });
        if (layout.columns() != null) {
            for (String field : layout.columns().keySet()) {
                if (!known.contains(field)) {
                    problems.add("columns." + field + ": unknown field (known: " + known + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LayoutException(where + " is wrong: " + String.join("; ", problems), null);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Bean Validation's path (csv.headerLine, columns[name]) in the YAML's spelling (csv.header-line). */
    static String key(String propertyPath) {
        return propertyPath.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\[([^\\]]*)\\]", ".$1").replace("<map value>", "").replaceAll("\\.+$", "");
    }
}
