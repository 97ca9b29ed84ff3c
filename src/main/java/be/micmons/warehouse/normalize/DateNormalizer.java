package be.micmons.warehouse.normalize;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dates of DESIGN §6: the source's formats, ISO {@code yyyy-MM-dd}, and Excel serial numbers
 * (1900 system, 20000-60000). Two-digit years are 20yy. A time after the date is ignored.
 */
public final class DateNormalizer {
    private static final Pattern EXCEL_SERIAL = Pattern.compile("\\d{5}(?:[.,]0+)?");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private final List<DateTimeFormatter> formats = new ArrayList<>();

    public DateNormalizer(List<String> patterns) {
        for (String p : patterns) {
            if (p.contains("MMM")) { // month names as Belgian partners write them
                for (java.util.Locale l : MONTH_NAME_LOCALES) {
                    formats.add(formatter(p, l));
                }
            } else {
                formats.add(formatter(p, java.util.Locale.ROOT));
            }
        }
        formats.add(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private static final List<java.util.Locale> MONTH_NAME_LOCALES = List.of(
            java.util.Locale.FRENCH, java.util.Locale.forLanguageTag("nl"), java.util.Locale.ENGLISH);

    private static DateTimeFormatter formatter(String pattern, java.util.Locale locale) {
        // strict resolving needs proleptic years (u), and yy must mean 20yy
        String p = pattern.replace('y', 'u');
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        if (p.contains("uuuu") || !p.contains("uu")) {
            b.appendPattern(p);
        } else {
            int at = p.indexOf("uu");
            b.appendPattern(p.substring(0, at))
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 2000)
                    .appendPattern(p.substring(at + 2));
        }
        return b.toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The date, or empty when the text is blank or matches no accepted form. */
    public Optional<LocalDate> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (EXCEL_SERIAL.matcher(s).matches()) {
            int serial = Integer.parseInt(s.substring(0, 5));
            return serial >= 20000 && serial <= 60000
                    ? Optional.of(EXCEL_EPOCH.plusDays(serial)) : Optional.empty();
        }
        for (String candidate : candidates(s)) {
            for (DateTimeFormatter f : formats) {
                try {
                    return Optional.of(plausible(LocalDate.parse(candidate, f)));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    // try the next form
                }
            }
        }
        return Optional.empty();
    }

    /** The text itself, then the text without a trailing time ("12/03/2011 00:00:00"). */
    private static List<String> candidates(String s) {
        int space = s.indexOf(' ');
        int t = s.indexOf('T');
        int cut = space > 0 ? space : (t == 10 ? t : -1);
        return cut > 0 ? List.of(s, s.substring(0, cut)) : List.of(s);
    }

    private static LocalDate plausible(LocalDate d) {
        if (d.getYear() < 1900 || d.getYear() > 2100) {
            throw new IllegalArgumentException("implausible year " + d.getYear());
        }
        return d;
    }
}
