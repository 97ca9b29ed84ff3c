package be.micmons.warehouse.layout;

import be.micmons.warehouse.normalize.Text;
import java.util.HashMap;
import java.util.Map;

/** A source's vocabulary to canonical values ({@code values:} of a layout), matched like headers. */
public final class ValueMaps {
    private final Map<String, Map<String, String>> byField = new HashMap<>();

    public ValueMaps(Map<String, Map<String, String>> configured) {
        if (configured != null) {
            configured.forEach((field, map) -> {
                Map<String, String> m = new HashMap<>();
                if (map != null) {
                    map.forEach((k, v) -> m.put(Text.matchKey(k), v));
                }
                byField.put(field, m);
            });
        }
    }

    public String map(String field, String value) {
        if (value == null) {
            return null;
        }
        Map<String, String> m = byField.get(field);
        return m == null ? value : m.getOrDefault(Text.matchKey(value), value);
    }
}
