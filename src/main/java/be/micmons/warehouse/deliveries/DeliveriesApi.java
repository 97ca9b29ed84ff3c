package be.micmons.warehouse.deliveries;

import be.micmons.warehouse.api.BadRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/deliveries?from=2012-01-01&to=2012-12-31} (DESIGN §14). */
@RestController
public class DeliveriesApi {
    private final Deliveries deliveries;

    public DeliveriesApi(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A range of days; by default from 1 January of last year to today. */
    public record Range(LocalDate from, LocalDate to) {
        public static Range parse(String from, String to, LocalDate today) {
            LocalDate f = from == null || from.isBlank() ? LocalDate.of(today.getYear() - 1, 1, 1) : day("from", from);
            LocalDate t = to == null || to.isBlank() ? today : day("to", to);
            if (t.isBefore(f)) {
                throw new BadRequestException("'to' (" + t + ") is before 'from' (" + f + ")");
            }
            if (f.plusYears(30).isBefore(t)) {
                throw new BadRequestException("ask for 30 years at most");
            }
            return new Range(f, t);
        }

        private static LocalDate day(String name, String v) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("'" + name + "' must be a date like 2012-01-31");
            }
        }
    }

    @GetMapping("/api/deliveries")
    public List<Map<String, Object>> list(@RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to) {
        Range r = Range.parse(from, to, deliveries.today());
        return deliveries.between(r.from(), r.to()).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", d.source());
            m.put("partner", d.partner());
            m.put("period", d.period());
            m.put("due_on", d.dueOn().toString());
            m.put("status", d.status().name());
            m.put("imports", d.imports());
            m.put("every", d.every());
            m.put("first_day", d.firstDay().toString());
            m.put("last_day", d.lastDay().toString());
            return m;
        }).toList();
    }
}
