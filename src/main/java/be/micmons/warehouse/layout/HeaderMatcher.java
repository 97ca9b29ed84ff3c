package be.micmons.warehouse.layout;

import be.micmons.warehouse.normalize.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one header matcher of every source: each canonical field of a layout goes to the first file
 * column whose header equals one of its texts, ignoring case, accents and spaces. Resolved once
 * per file; rows are then read by column index.
 */
public final class HeaderMatcher {
    private HeaderMatcher() {
    }

    /** Which column holds each field of the layout in this header. */
    public static Columns match(SourceLayout layout, List<String> header) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byKey.putIfAbsent(Text.matchKey(header.get(i)), i);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, String> texts = new HashMap<>();
        if (layout.columns() != null) {
            for (String field : layout.columns().keySet()) {
                for (String alias : layout.aliases(field)) {
                    Integer i = byKey.get(Text.matchKey(alias));
                    if (i != null) {
                        index.put(field, i);
                        texts.put(field, header.get(i));
                        break;
                    }
                }
            }
        }
        return new Columns(layout, List.copyOf(header), index, texts);
    }

    /** The columns found in one file's header. */
    public record Columns(SourceLayout layout, List<String> header, Map<String, Integer> index,
                          Map<String, String> texts) {

        public boolean has(String field) {
            return index.containsKey(field);
        }

        /** The column of a field, -1 when the file has none. */
        public int indexOf(String field) {
            Integer i = index.get(field);
            return i == null ? -1 : i;
        }

        /** The file's header text for a field (the field's name when absent), for messages. */
        public String header(String field) {
            return texts.getOrDefault(field, field);
        }

        /** Of these fields, those the file lacks. */
        public List<String> missing(Collection<String> fields) {
            List<String> out = new ArrayList<>();
            for (String f : fields) {
                if (!has(f)) {
                    out.add(f);
                }
            }
            return out;
        }

        /** The fields the layout requires (its own list, or the source's) that the file lacks. */
        public List<String> missingRequired(Collection<String> sourceRequired) {
            return missing(layout.required() == null ? sourceRequired : layout.required());
        }

        /** True when at least one of the layout's required-one-of groups is found whole (or it has none). */
        public boolean hasOneOfGroups() {
            List<List<String>> groups = layout.requiredOneOf();
            return groups == null || groups.isEmpty() || groups.stream().anyMatch(g -> missing(g).isEmpty());
        }

        /** A field's header texts as the layout writes them, quoted, for messages. */
        public String expected(String field) {
            return quoted(layout.aliases(field).isEmpty() ? List.of(field) : layout.aliases(field));
        }

        /** The first header text the layout gives a field (the name its source uses), for messages. */
        public String usualName(String field) {
            List<String> a = layout.aliases(field);
            return a.isEmpty() ? field : a.get(0);
        }

        public static String quoted(List<String> values) {
            StringBuilder b = new StringBuilder();
            for (String v : values) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append('"').append(v).append('"');
            }
            return b.toString();
        }
    }
}
