package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import be.micmons.warehouse.intake.InboxFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks of request parameters: every value is known or well-formed, never a path. */
@Component
public class Params {
    public static final List<String> SOURCES = List.of("incubators", "exams", "hr");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private final List<InboxFolders> folders;

    public Params(List<InboxFolders> folders) {
        this.folders = folders;
    }

    public static long id(long id, String what) {
        if (id < 1) {
            throw new BadRequestException(what + " must be a positive number");
        }
        return id;
    }

    public static String source(String source) {
        if (source == null || source.isBlank()) {
            throw new BadRequestException("source is required, one of " + SOURCES);
        }
        if (!SOURCES.contains(source)) {
            throw new BadRequestException("unknown source; it must be one of " + SOURCES);
        }
        return source;
    }

    /** A partner site (incubators) or exam provider (exams); hr has none. Null stays null (all). */
    public String partner(String source, String partner) {
        if (partner == null || partner.isEmpty()) {
            return null;
        }
        List<String> known = idsOf(source);
        if (known.isEmpty()) {
            throw new BadRequestException("source " + source + " has no partners: leave partner out");
        }
        if (!known.contains(partner)) {
            throw new BadRequestException("unknown partner for " + source + "; known: " + known);
        }
        return partner;
    }

    public List<String> partnerIds() {
        return idsOf("incubators");
    }

    /** The partner sites (incubators) or exam providers (exams) configured now; none for hr. */
    private List<String> idsOf(String source) {
        try {
            for (InboxFolders f : folders) {
                if (f.source().equals(source)) {
                    return f.ids();
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required, as yyyy-MM-dd");
        }
        if (!ISO_DATE.matcher(value).matches()) {
            throw new BadRequestException(name + " must be a date written yyyy-MM-dd");
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.getYear() < 1900 || d.getYear() > 2999) {
                throw new BadRequestException(name + " must be between 1900 and 2999");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " is not a valid date: " + value.replaceAll("[^0-9-]", ""));
        }
    }

    public static int year(Integer year) {
        if (year == null) {
            throw new BadRequestException("parameter 'year' is required");
        }
        if (year < 1900 || year > 2999) {
            throw new BadRequestException("year must be between 1900 and 2999");
        }
        return year;
    }
}
