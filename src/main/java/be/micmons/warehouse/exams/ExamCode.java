package be.micmons.warehouse.exams;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exam codes of DESIGN §6: trimmed, upper case, without a leading {@code EXAM}; {@code 070-480} and
 * {@code 70480} become {@code 70-480}, {@code MO200} and {@code az900} get their dash, and the
 * academic {@code 72-}/{@code 73-} and beta {@code 71-} series become the {@code 70-} exam.
 */
public final class ExamCode {
    private static final Pattern DASHES = Pattern.compile("\\s*[-\\u2010-\\u2015_]\\s*");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern EXAM_PREFIX = Pattern.compile("^EXAM(?:\\s|[:#.])*");
    private static final Pattern SERIES_NUMBER = Pattern.compile("0?(\\d{2})[- ]?(\\d{3})");
    private static final Pattern LETTERS_DIGITS = Pattern.compile("([A-Z]{1,5})[- ]?(\\d{2,4})");
    private static final Pattern ACADEMIC_OR_BETA = Pattern.compile("7[123]-(\\d{3})");

    private ExamCode() {
    }

    /** The normalized code, or empty when nothing is left. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = SPACES.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll(" ").strip();
        s = EXAM_PREFIX.matcher(s).replaceFirst("");
        s = DASHES.matcher(s).replaceAll("-").strip();
        Matcher m = SERIES_NUMBER.matcher(s);
        if (m.matches()) {
            s = m.group(1) + "-" + m.group(2);
        } else if ((m = LETTERS_DIGITS.matcher(s)).matches()) {
            s = m.group(1) + "-" + m.group(2);
        }
        m = ACADEMIC_OR_BETA.matcher(s);
        if (m.matches()) {
            s = "70-" + m.group(1);
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
