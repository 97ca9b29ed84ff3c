package be.micmons.warehouse.normalize;

import java.util.Locale;
import java.util.regex.Pattern;

/** Plain-text clean-up shared by every source. */
public final class Text {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");

    private Text() {
    }

    /** Trimmed, inner whitespace collapsed, NUL removed; null when blank. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String s = SPACES.matcher(raw.replace("\0", "")).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** How headers and configured vocabulary are compared: ignoring case, accents and spaces. */
    public static String matchKey(String raw) {
        if (raw == null) {
            return "";
        }
        String s = NameKey.stripAccents(raw.replace("\uFEFF", "").toLowerCase(Locale.ROOT))
                .replace('\u2019', '\'').replace('`', '\'');
        return SPACES.matcher(s).replaceAll("");
    }
}
