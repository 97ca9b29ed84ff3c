package be.micmons.warehouse.deliveries;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** How often a partner or source delivers (DESIGN §14): every month, quarter or year, due so many days after. */
public record Cadence(Every every, int dueDays) {

    public enum Every {
        MONTH, QUARTER, YEAR;

        static Every parse(String s) {
            if (s == null) {
                throw new IllegalArgumentException("'every' is missing (month, quarter or year)");
            }
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'every: " + s + "' is not month, quarter or year");
            }
        }
    }

    public static Cadence of(String every, Integer dueDays) {
        int due = dueDays == null ? 0 : dueDays;
        if (due < 0 || due > 366) {
            throw new IllegalArgumentException("'due-days: " + dueDays + "' is not between 0 and 366");
        }
        return new Cadence(Every.parse(every), due);
    }

    /** One period: its first and last day, and the last day a delivery is on time. */
    public record Period(String label, LocalDate first, LocalDate last, LocalDate dueOn) {
        public boolean window(LocalDate d) {
            return !d.isBefore(first) && !d.isAfter(dueOn);
        }
    }

    /** The period holding a day. */
    public Period periodOf(LocalDate day) {
        LocalDate first = switch (every) {
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
            case YEAR -> day.withDayOfYear(1);
        };
        LocalDate next = switch (every) {
            case MONTH -> first.plusMonths(1);
            case QUARTER -> first.plusMonths(3);
            case YEAR -> first.plusYears(1);
        };
        LocalDate last = next.minusDays(1);
        String label = switch (every) {
            case MONTH -> String.format("%04d-%02d", first.getYear(), first.getMonthValue());
            case QUARTER -> first.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(first.getYear());
        };
        return new Period(label, first, last, last.plusDays(dueDays));
    }

    public Period next(Period p) {
        return periodOf(p.last().plusDays(1));
    }
}
