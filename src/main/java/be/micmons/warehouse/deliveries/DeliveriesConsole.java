package be.micmons.warehouse.deliveries;

import be.micmons.warehouse.console.ConsolePage;
import be.micmons.warehouse.incubators.PartnerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /console/deliveries}: one line per partner or source, one cell per expected period. */
@Controller
@ConsolePage
public class DeliveriesConsole {
    private final Deliveries deliveries;
    private final PartnerRegistry partners;

    public DeliveriesConsole(Deliveries deliveries, PartnerRegistry partners) {
        this.deliveries = deliveries;
        this.partners = partners;
    }

    public record Line(String source, String partner, String name, String every, int dueDays,
                       List<Deliveries.Delivery> periods) {
    }

    @GetMapping("/console/deliveries")
    public String grid(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       Model model) {
        DeliveriesApi.Range r = DeliveriesApi.Range.parse(from, to, deliveries.today());
        Map<String, List<Deliveries.Delivery>> byWho = new LinkedHashMap<>();
        for (Deliveries.Delivery d : deliveries.between(r.from(), r.to())) {
            byWho.computeIfAbsent(d.source() + "/" + (d.partner() == null ? "" : d.partner()), k -> new ArrayList<>()).add(d);
        }
        List<Line> lines = new ArrayList<>();
        for (List<Deliveries.Delivery> ds : byWho.values()) {
            Deliveries.Delivery d = ds.get(0);
            int due = (int) (d.dueOn().toEpochDay() - d.lastDay().toEpochDay());
            lines.add(new Line(d.source(), d.partner(), name(d), d.every(), due, ds));
        }
        model.addAttribute("lines", lines);
        model.addAttribute("from", r.from());
        model.addAttribute("to", r.to());
        model.addAttribute("today", deliveries.today());
        return "console/deliveries";
    }

    /** The period as the page's language says it: mars 2026, T1 2026, 2026. */
    public String label(Deliveries.Delivery d, java.util.Locale locale) {
        return switch (d.every()) {
            case "month" -> d.firstDay().format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", locale));
            case "quarter" -> ("fr".equals(locale.getLanguage()) ? "T" : "Q") + d.period().substring(d.period().indexOf('Q') + 1)
                    + " " + d.firstDay().getYear();
            default -> d.period();
        };
    }

    private String name(Deliveries.Delivery d) {
        if (!"incubators".equals(d.source())) {
            return d.partner() == null ? d.source() : d.partner();
        }
        try {
            String n = partners.layout(d.partner()).name();
            return n == null || n.isBlank() ? d.partner() : n;
        } catch (Exception e) {
            return d.partner();
        }
    }
}
