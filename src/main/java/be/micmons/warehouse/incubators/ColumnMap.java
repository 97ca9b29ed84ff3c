package be.micmons.warehouse.incubators;

import be.micmons.warehouse.intake.CsvFile;
import be.micmons.warehouse.intake.FileRejectedException;
import be.micmons.warehouse.intake.RejectSink;
import be.micmons.warehouse.normalize.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which file column holds each canonical field, found by the layout's header texts. */
final class ColumnMap {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, String> headerText = new HashMap<>();

    static ColumnMap of(PartnerLayout layout, List<String> header, long headerLine, String fileName, RejectSink rejects)
            throws FileRejectedException {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byKey.putIfAbsent(Text.matchKey(header.get(i)), i);
        }
        ColumnMap cols = new ColumnMap();
        for (Map.Entry<String, List<String>> e : layout.columns().entrySet()) {
            List<String> aliases = e.getValue() == null ? List.of() : e.getValue();
            for (String alias : aliases) {
                Integer i = byKey.get(Text.matchKey(alias));
                if (i != null) {
                    cols.index.put(e.getKey(), i);
                    cols.headerText.put(e.getKey(), header.get(i));
                    break;
                }
            }
            if (!cols.index.containsKey(e.getKey())) {
                if ("name".equals(e.getKey())) {
                    throw new FileRejectedException("The required column for the company name was not found on line "
                            + headerLine + " of " + fileName + ". Expected one of " + quoted(aliases)
                            + "; the columns found are " + quoted(header.stream().map(be.micmons.warehouse.privacy.Redaction::cell).toList())
                            + ". Check the file, or header-line and columns.name in the partner's layout.");
                }
                rejects.warning(headerLine, e.getKey(), "COLUMN_MISSING", "No column " + quoted(aliases)
                        + " for '" + e.getKey() + "' in this file; the field stays empty.");
            }
        }
        return cols;
    }

    String raw(CsvFile.Row row, String field) {
        Integer i = index.get(field);
        return i == null ? null : row.get(i);
    }

    String text(CsvFile.Row row, String field) {
        return Text.clean(raw(row, field));
    }

    /** The file's header text for a field, for messages. */
    String header(String field) {
        return headerText.getOrDefault(field, field);
    }

    private static String quoted(List<String> values) {
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
