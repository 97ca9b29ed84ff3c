package be.micmons.warehouse.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what may be quoted in a message (DESIGN §16): the log, the API, the
 * console, {@code ops.rejected_row}, {@code ops.import} and {@code .errors.txt}. A value of a
 * personal column, or any value that looks like an e-mail or a NISS, is described, never quoted
 * ({@code start_date: not a date (an 11-digit number)}).
 */
public final class Redaction {
    private static final Pattern EMAIL = Pattern.compile("[^\\s@'\"<>(),;:\\[\\]]+@[^\\s@'\"<>(),;:\\[\\]]+");
    /** A NISS as people write it: 11 digits, grouped with dots, dashes or spaces (yy.mm.dd-nnn.cc) or not. */
    private static final Pattern NISS = Pattern.compile(
            "(?<![\\w.])\\d{2}[. ]?\\d{2}[. ]?\\d{2}[-. ]?\\d{3}[. ]?\\d{2}(?![\\w])|(?<!\\w)\\d{11}(?!\\w)");
    private static final Set<String> PERSONAL_COLUMNS = Set.of("email", "mail", "emailaddress", "courriel",
            "candidateid", "candidateref", "candidate", "candidatename", "candidatenumber", "firstname", "lastname",
            "surname", "givenname", "fullname", "prenom", "nom", "workerniss", "niss", "insz", "rijksregisternummer",
            "nationalnumber", "registrenational", "phone", "telephone", "birthdate", "dateofbirth", "worker",
            "workername");

    private Redaction() {
    }

    /** True when the value looks like an e-mail or a NISS. */
    public static boolean looksPersonal(String value) {
        return value != null && (EMAIL.matcher(value).find() || NISS.matcher(value).find());
    }

    /** True when a column of that name holds personal data (e-mail, name, NISS, candidate id). */
    public static boolean isPersonalColumn(String column) {
        if (column == null) {
            return false;
        }
        String k = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return PERSONAL_COLUMNS.contains(k);
    }

    /** What a value is, without saying it: "an 11-digit number", "an e-mail address", "a text of 12 characters". */
    public static String describe(String value) {
        if (value == null || value.isBlank()) {
            return "empty";
        }
        String v = value.strip();
        if (EMAIL.matcher(v).find()) {
            return "an e-mail address";
        }
        if (NISS.matcher(v).find()) {
            return "an 11-digit number";
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return "a " + v.length() + "-digit number";
        }
        return "a text of " + v.codePointCount(0, v.length()) + " characters";
    }

    /** A value for a message: quoted when harmless, else described ("the value (an 11-digit number, not quoted)"). */
    public static String quote(String value) {
        return quote(null, value);
    }

    /** Same, for a value read in a column: a personal column is never quoted, whatever its value. */
    public static String quote(String column, String value) {
        if (value == null) {
            return "the empty value";
        }
        if (isPersonalColumn(column) || looksPersonal(value)) {
            return "the value (" + describe(value) + ", not quoted)";
        }
        return "'" + value + "'";
    }

    /** A free message made safe: every e-mail or NISS in it replaced by what it is. */
    public static String scrub(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String out = replace(EMAIL, message, "[an e-mail address]");
        return replace(NISS, out, "[an 11-digit number]");
    }

    private static String replace(Pattern p, String s, String with) {
        Matcher m = p.matcher(s);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(with)) : s;
    }

    /** A header cell of a file about companies: as it is, unless it looks like an e-mail or a NISS. */
    public static String cell(String value) {
        return value != null && looksPersonal(value) ? "(" + describe(value) + ", not quoted)" : value;
    }

    /**
     * A header line echoed in a message: the cells that are known column names are quoted, the
     * others only counted (a headerless export's first line is a candidate's: names, e-mails).
     */
    public static String header(List<String> cells, Collection<String> knownColumns, String separator) {
        Set<String> known = new java.util.HashSet<>();
        for (String k : knownColumns) {
            known.add(k.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        }
        List<String> shown = new ArrayList<>();
        int hidden = 0;
        for (String c : cells) {
            String k = c == null ? "" : c.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (!k.isEmpty() && known.contains(k) && !looksPersonal(c)) {
                shown.add(c.strip());
            } else {
                hidden++;
            }
        }
        if (shown.isEmpty()) {
            return cells.size() + " value(s), none of them a known column name (not quoted: the first line may be data)";
        }
        return String.join(separator, shown) + (hidden == 0 ? "" : separator + " and " + hidden
                + " other value(s), not quoted");
    }
}
