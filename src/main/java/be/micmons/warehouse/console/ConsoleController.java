package be.micmons.warehouse.console;

import be.micmons.warehouse.incubators.PartnerRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The convention dashboard, the evidence behind each figure and the review queue. */
@Controller
public class ConsoleController {
    static final int EVIDENCE_PAGE = 5_000;

    private final ConsoleQueries queries;
    private final PhaseFigures figures;
    private final PartnerRegistry partners;
    private final MessageSource messages;
    private final ObjectMapper json;

    public ConsoleController(ConsoleQueries queries, PhaseFigures figures, PartnerRegistry partners,
                             MessageSource messages, ObjectMapper json) {
        this.queries = queries;
        this.figures = figures;
        this.partners = partners;
        this.messages = messages;
        this.json = json;
    }

    /** A breakdown table: one row per key, one column per year of the phase. */
    public record Breakdown(String id, String title, String note, List<Integer> years, List<Row> rows) {
        public record Row(String label, List<Long> perYear, long total) {
        }
    }

    @GetMapping("/")
    public String dashboard(@RequestParam(required = false) String phase, Model model, Locale locale) {
        List<ConsoleQueries.Phase> phases = queries.phases();
        ConsoleQueries.Phase current = selectPhase(phases, phase);
        model.addAttribute("phases", phases);
        model.addAttribute("phase", current);
        if (current == null) {
            return "console/dashboard";
        }
        List<PhaseFigures.Metric> metrics = figures.of(current);
        model.addAttribute("metrics", metrics);
        Map<String, String> charts = new LinkedHashMap<>();
        for (PhaseFigures.Metric m : metrics) {
            charts.put(m.metric(), chart(m, locale));
        }
        model.addAttribute("charts", charts);

        List<Integer> years = new ArrayList<>();
        for (int y = current.yearFrom(); y <= current.yearTo(); y++) {
            years.add(y);
        }
        List<Breakdown> breakdowns = new ArrayList<>();
        breakdowns.add(breakdown("startups-partner", msg("breakdown.startups.partner", locale),
                msg("breakdown.startups.partner.note", locale), years,
                queries.startupsByPartner(current.yearFrom(), current.yearTo()), this::partnerName, locale));
        breakdowns.add(breakdown("startups-theme", msg("breakdown.startups.theme", locale), null, years,
                queries.startupsByTheme(current.yearFrom(), current.yearTo()), k -> k, locale));
        Map<String, List<Map<String, Object>>> byOrigin = new LinkedHashMap<>();
        for (Map<String, Object> r : queries.evidenceByOrigin(current.yearFrom(), current.yearTo())) {
            byOrigin.computeIfAbsent((String) r.get("metric"), k -> new ArrayList<>()).add(r);
        }
        for (PhaseFigures.Metric m : metrics) {
            List<Map<String, Object>> rows = byOrigin.get(m.metric());
            if (rows != null) {
                breakdowns.add(breakdown("origin-" + m.metric(),
                        msg("breakdown.origin", locale, msg("metric." + m.metric(), locale)), null, years, rows,
                        this::partnerName, locale));
            }
        }
        model.addAttribute("breakdowns", breakdowns);
        return "console/dashboard";
    }

    @GetMapping("/console/evidence")
    public String evidence(@RequestParam String metric, @RequestParam(required = false) Integer year,
                           @RequestParam(required = false) String phase, Model model) {
        if (!queries.metrics().contains(metric)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown metric " + metric);
        }
        int from;
        int to;
        if (year != null) {
            from = year;
            to = year;
        } else {
            ConsoleQueries.Phase p = queries.phase(phase == null ? "" : phase)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "give a year or a known phase"));
            from = p.yearFrom();
            to = p.yearTo();
        }
        model.addAttribute("metric", metric);
        model.addAttribute("year", year);
        model.addAttribute("phaseId", year == null ? phase : null);
        model.addAttribute("total", queries.evidenceCount(metric, from, to));
        model.addAttribute("items", queries.evidence(metric, from, to, EVIDENCE_PAGE));
        model.addAttribute("limit", EVIDENCE_PAGE);
        return "console/evidence";
    }

    @GetMapping("/console/review")
    public String review(Model model) {
        model.addAttribute("pairs", queries.reviewPairs());
        return "console/review";
    }

    private static ConsoleQueries.Phase selectPhase(List<ConsoleQueries.Phase> phases, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            return phases.stream().filter(p -> p.phase().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown phase " + wanted));
        }
        int now = LocalDate.now(ConsoleFormat.BRUSSELS).getYear();
        ConsoleQueries.Phase chosen = phases.isEmpty() ? null : phases.get(0);
        for (ConsoleQueries.Phase p : phases) {
            if (p.yearFrom() <= now) {
                chosen = p;
            }
        }
        return chosen;
    }

    private Breakdown breakdown(String id, String title, String note, List<Integer> years, List<Map<String, Object>> rows,
                                java.util.function.Function<String, String> label, Locale locale) {
        Map<String, long[]> byKey = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            long[] counts = byKey.computeIfAbsent((String) r.get("key"), k -> new long[years.size()]);
            int i = years.indexOf(((Number) r.get("year")).intValue());
            if (i >= 0) {
                counts[i] += ((Number) r.get("n")).longValue();
            }
        }
        List<Breakdown.Row> out = new ArrayList<>();
        for (String key : new TreeSet<>(byKey.keySet())) {
            long[] c = byKey.get(key);
            List<Long> per = new ArrayList<>();
            long total = 0;
            for (long n : c) {
                per.add(n);
                total += n;
            }
            out.add(new Breakdown.Row(key.isEmpty() ? msg("breakdown.none", locale) : label.apply(key), per, total));
        }
        return new Breakdown(id, title, note, years, out);
    }

    private String partnerName(String id) {
        try {
            String name = partners.layout(id).name();
            return name == null || name.isBlank() ? id : name + " (" + id + ")";
        } catch (Exception e) { // an exam provider or a partner whose layout was removed
            return id;
        }
    }

    private String chart(PhaseFigures.Metric m, Locale locale) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("metric", m.metric());
        c.put("years", m.years().stream().map(PhaseFigures.Year::year).toList());
        c.put("values", m.years().stream().map(PhaseFigures.Year::value).toList());
        c.put("targets", m.years().stream().map(PhaseFigures.Year::target).toList());
        c.put("shortfall", m.years().stream().map(PhaseFigures.Year::shortfall).toList());
        boolean proRata = m.years().stream().anyMatch(PhaseFigures.Year::proRata);
        c.put("valueLabel", msg("chart.value", locale));
        c.put("targetLabel", msg(proRata ? "chart.target.prorata" : "chart.target", locale));
        c.put("shortLabel", msg("chart.short", locale));
        c.put("evidenceUrl", "/console/evidence?metric=" + m.metric() + "&year=");
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
