package be.micmons.warehouse.normalize;

import java.util.regex.Pattern;

/** Belgian postal codes: "B-7000", "BE 7000", "7000.0" (from Excel) all become "7000". */
public final class PostalCode {
    private static final Pattern PREFIX = Pattern.compile("^(?i)(be|b)[\\s-]*");
    private static final Pattern EXCEL_DECIMAL = Pattern.compile("[.,]0+$");

    private PostalCode() {
    }

    /** The normalized code, or null for a blank value. Non-Belgian codes are kept trimmed. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = EXCEL_DECIMAL.matcher(PREFIX.matcher(raw.strip()).replaceFirst("")).replaceFirst("");
        return s.replaceAll("\\s+", "").toUpperCase();
    }

    public static boolean isBelgian(String normalized) {
        return normalized != null && normalized.matches("[1-9]\\d{3}");
    }
}
