package be.micmons.warehouse.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Number and time formatting for the templates ({@code ${@consoleFormat.number(v, #locale)}}). */
@Component("consoleFormat")
public class ConsoleFormat {
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String number(Object n, Locale locale) {
        if (n == null) {
            return "–";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(2);
        return f.format(n instanceof Number x ? x : new BigDecimal(n.toString()));
    }

    public String percent(Integer p) {
        return p == null ? "–" : p + "\u00a0%"; // no line break between number and sign
    }

    /** A date as the page's language writes it (15/09/2010, 9/15/10…). */
    public String date(Object d, Locale locale) {
        if (d == null) {
            return "";
        }
        java.time.LocalDate day = d instanceof java.sql.Date s ? s.toLocalDate()
                : d instanceof java.time.LocalDate l ? l : null;
        return day == null ? d.toString()
                : java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                        .withLocale(locale).format(day);
    }

    /** A timestamp in Brussels time. */
    public String time(Object t) {
        if (t == null) {
            return "";
        }
        if (t instanceof java.sql.Timestamp ts) {
            return TIME.format(ts.toInstant().atZone(BRUSSELS));
        }
        if (t instanceof OffsetDateTime o) {
            return TIME.format(o.atZoneSameInstant(BRUSSELS));
        }
        if (t instanceof TemporalAccessor a) {
            return a.toString();
        }
        return t.toString();
    }

    /** "1er décembre 2026, 02:00" / "1 December 2026, 02:00": the date of the data, in Brussels time. */
    public String dataDate(Object t, Locale locale) {
        if (!(t instanceof java.sql.Timestamp ts)) {
            return "";
        }
        var at = ts.toInstant().atZone(BRUSSELS);
        boolean fr = !"en".equals(locale.getLanguage());
        String day = fr && at.getDayOfMonth() == 1 ? "1er" : Integer.toString(at.getDayOfMonth());
        return day + " " + DateTimeFormatter.ofPattern("MMMM yyyy, HH:mm", fr ? Locale.FRENCH : Locale.ENGLISH).format(at);
    }

    /** Seconds between two timestamps, or since the start when still running, in the page's language. */
    public String duration(Object start, Object end, Locale locale) {
        if (!(start instanceof java.sql.Timestamp s)) {
            return "";
        }
        long endMs = end instanceof java.sql.Timestamp e ? e.getTime() : System.currentTimeMillis();
        double secs = Math.max(0, endMs - s.getTime()) / 1000.0;
        if (secs < 10) {
            return String.format(locale, "%.1f\u00a0s", secs);
        }
        long whole = Math.round(secs);
        return whole < 120 ? whole + "\u00a0s" : String.format(locale, "%d\u00a0min\u00a0%02d\u00a0s", whole / 60, whole % 60);
    }
}
