package be.micmons.warehouse.report;

/**
 * Formula-injection guard for exported text: a cell that starts with {@code = + - @} (or a tab or
 * carriage return, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
 * so a start-up named {@code =HYPERLINK(...)} in a partner file stays text when the report is opened.
 */
public final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
