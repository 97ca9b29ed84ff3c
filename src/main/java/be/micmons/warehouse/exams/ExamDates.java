package be.micmons.warehouse.exams;

import be.micmons.warehouse.normalize.DateNormalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Exam dates per source. A timestamp without a zone is the test centre's local time: its date is
 * taken as it is; one with a zone or offset is dated in Europe/Brussels (DESIGN §8).
 */
final class ExamDates {
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final Pattern WITH_OFFSET = Pattern.compile(".*\\d[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)$");

    /** Prometric and Pearson VUE: US {@code MM/dd/yyyy}, ISO tolerated. */
    static final ExamDates US = new ExamDates(List.of("M/d/yyyy", "M/d/yy"), "the US form MM/dd/yyyy");
    /** Certiport: {@code yyyy-MM-dd HH:mm:ss}. */
    static final ExamDates CERTIPORT = new ExamDates(List.of("yyyy/M/d", "d/M/yyyy"), "the form yyyy-MM-dd HH:mm:ss");
    /** The test-centre database gives dates. */
    static final ExamDates ISO = new ExamDates(List.of(), "ISO yyyy-MM-dd");

    private final DateNormalizer dates;
    private final String description;

    /** A provider layout's date formats (besides ISO and timestamps), with their description for messages. */
    static ExamDates of(List<String> formats, String description) {
        return new ExamDates(formats, description);
    }

    private ExamDates(List<String> formats, String description) {
        this.dates = new DateNormalizer(formats);
        this.description = description;
    }

    Optional<LocalDate> parse(String raw) {
        String s = raw.strip();
        if (WITH_OFFSET.matcher(s).matches()) {
            try {
                String iso = s.replaceFirst("\\s*Z$", "+00:00").replaceFirst("\\s*([+-]\\d{2})$", "$1:00")
                        .replaceFirst("\\s*([+-]\\d{2})(\\d{2})$", "$1:$2").replaceFirst("(\\d) (\\d)", "$1T$2");
                return Optional.of(OffsetDateTime.parse(iso)
                        .atZoneSameInstant(BRUSSELS).toLocalDate());
            } catch (DateTimeParseException e) {
                // fall back to the date part
            }
        }
        return dates.parse(s);
    }

    String description() {
        return description;
    }
}
