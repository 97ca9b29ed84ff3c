package be.micmons.warehouse.console;

import be.micmons.warehouse.incubators.PartnerRegistry;
import be.micmons.warehouse.kpi.MartMaintenance;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
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
    // rows on the page (the CSV export gives them all): 1,000 of a 1M-row warehouse render in 0.3 s
    static final int EVIDENCE_PAGE = 1_000;

    private final ConsoleQueries queries;
    private final PhaseFigures figures;
    private final PartnerRegistry partners;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final ConsoleTexts texts;
    private final ConsoleFormat formats = new ConsoleFormat();
    private final MartMaintenance marts;

    public ConsoleController(ConsoleQueries queries, PhaseFigures figures, PartnerRegistry partners,
                             MessageSource messages, ObjectMapper json, ConsoleTexts texts, MartMaintenance marts) {
        this.texts = texts;
        this.marts = marts;
        this.queries = queries;
        this.figures = figures;
        this.partners = partners;
        this.messages = messages;
        this.json = json;
    }

    /** A breakdown table: one row per key, one column per year of the phase (counts, or FTE). */
    public record Breakdown(String id, String title, String note, List<Integer> years, List<Row> rows) {
        public record Row(String label, List<BigDecimal> perYear, BigDecimal total) {
        }
    }

    @GetMapping("/")
    public String dashboard(@RequestParam(required = false) String phase, Model model, Locale locale) {
        marts.publishCountsIfStale();
        List<ConsoleQueries.Phase> phases = queries.phases();
        ConsoleQueries.Phase current = selectPhase(phases, phase);
        model.addAttribute("phases", phases);
        model.addAttribute("phase", current);
        model.addAttribute("held", queries.heldImports());
        if (current == null) {
            return "console/dashboard";
        }
        List<PhaseFigures.Metric> metrics = figures.of(current);
        model.addAttribute("metrics", metrics);
        Map<String, String> charts = new LinkedHashMap<>();
        Map<String, String> chartTexts = new LinkedHashMap<>();
        for (PhaseFigures.Metric m : metrics) {
            charts.put(m.metric(), chart(m, locale));
            chartTexts.put(m.metric(), chartText(m, locale));
        }
        model.addAttribute("charts", charts);
        model.addAttribute("chartTexts", chartTexts);
        model.addAttribute("uncounted", uncounted(current, metrics));

        List<Integer> years = new ArrayList<>();
        for (int y = current.yearFrom(); y <= current.yearTo(); y++) {
            years.add(y);
        }
        List<Breakdown> breakdowns = new ArrayList<>();
        breakdowns.add(breakdown("startups-partner", msg("breakdown.startups.partner", locale),
                msg("breakdown.startups.partner.note", locale), years,
                queries.startupsByPartner(current.yearFrom(), current.yearTo()), "n", this::partnerName, locale));
        breakdowns.add(breakdown("startups-theme", msg("breakdown.startups.theme", locale), null, years,
                queries.startupsByTheme(current.yearFrom(), current.yearTo()), "n", k -> texts.theme(k, locale), locale));
        int from = current.yearFrom();
        int to = current.yearTo();
        List<Map<String, Object>> jobsBySite = queries.jobsBySite(from, to);
        List<Map<String, Object>> jobsByContract = queries.jobsByContract(from, to);
        breakdowns.add(breakdown("jobs-site", msg("breakdown.jobs.site", locale),
                msg("breakdown.jobs.site.note", locale), years, jobsBySite, "n", this::partnerName, locale));
        breakdowns.add(breakdown("jobs_fte-site", msg("breakdown.jobs_fte.site", locale), null, years,
                jobsBySite, "fte", this::partnerName, locale));
        breakdowns.add(breakdown("jobs-contract", msg("breakdown.jobs.contract", locale), null, years,
                jobsByContract, "n", k -> k, locale));
        Map<String, List<Map<String, Object>>> exams = new LinkedHashMap<>();
        for (Map<String, Object> r : queries.examsByProvider(from, to)) {
            exams.computeIfAbsent((String) r.get("metric"), k -> new ArrayList<>()).add(r);
        }
        for (String metric : List.of("certifications_delivered", "exams_passed", "certified_persons")) {
            breakdowns.add(breakdown("provider-" + metric,
                    msg("breakdown.provider", locale, msg("metric." + metric, locale)),
                    "certified_persons".equals(metric) ? msg("breakdown.provider.persons.note", locale) : null,
                    years, exams.getOrDefault(metric, List.of()), "n",
                    k -> messages.getMessage("provider." + k, null, k, locale), locale));
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

    /** One reason a figure leaves loaded items out, and how many (DESIGN §18); listed: a page names them. */
    public record Uncounted(String reason, long n, boolean listed) {
    }

    private Map<String, List<Uncounted>> uncounted(ConsoleQueries.Phase phase, List<PhaseFigures.Metric> metrics) {
        Map<String, List<Uncounted>> out = new LinkedHashMap<>();
        Map<String, BigDecimal> value = new LinkedHashMap<>();
        for (PhaseFigures.Metric m : metrics) {
            out.put(m.metric(), new ArrayList<>());
            value.put(m.metric(), m.value());
        }
        for (Map<String, Object> r : queries.uncounted(phase.yearFrom(), phase.yearTo())) {
            String metric = (String) r.get("metric");
            String reason = (String) r.get("reason");
            long n = ((Number) r.get("n")).longValue();
            if ("PERSONS_PASSING".equals(reason)) { // persons who passed in the phase but were certified before it
                reason = "ALREADY_CERTIFIED";
                n -= value.getOrDefault(metric, BigDecimal.ZERO).longValue();
            }
            if (n > 0 && out.containsKey(metric)) {
                out.get(metric).add(new Uncounted(reason, n, ConsoleQueries.UNCOUNTED_LISTS.contains(reason)));
            }
        }
        BigDecimal passed = value.get("exams_passed");
        BigDecimal certified = value.get("certifications_delivered");
        if (passed != null && certified != null && passed.compareTo(certified) > 0 && out.containsKey("certifications_delivered")) {
            out.get("certifications_delivered").add(new Uncounted("REPEAT_PASS", passed.subtract(certified).longValue(), true));
        }
        return out;
    }

    @GetMapping("/console/uncounted")
    public String uncountedItems(@RequestParam String reason, @RequestParam String phase,
                                 @RequestParam(required = false) String metric, Model model) {
        if (!ConsoleQueries.UNCOUNTED_LISTS.contains(reason)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown reason " + reason);
        }
        ConsoleQueries.Phase p = queries.phase(phase)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown phase " + phase));
        model.addAttribute("reason", reason);
        model.addAttribute("phaseId", p.phase());
        model.addAttribute("metric", metric != null && queries.metrics().contains(metric) ? metric : null);
        model.addAttribute("items", queries.uncountedItems(reason, p.yearFrom(), p.yearTo(), EVIDENCE_PAGE + 1));
        model.addAttribute("limit", EVIDENCE_PAGE);
        return "console/uncounted";
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
                                String column, Function<String, String> label, Locale locale) {
        Map<String, BigDecimal[]> byKey = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            BigDecimal[] values = byKey.computeIfAbsent((String) r.get("key"), k -> {
                BigDecimal[] zeros = new BigDecimal[years.size()];
                Arrays.fill(zeros, BigDecimal.ZERO);
                return zeros;
            });
            int i = years.indexOf(((Number) r.get("year")).intValue());
            if (i >= 0) {
                values[i] = values[i].add(new BigDecimal(r.get(column).toString()));
            }
        }
        List<Breakdown.Row> out = new ArrayList<>();
        for (String key : new TreeSet<>(byKey.keySet())) {
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal v : byKey.get(key)) {
                total = total.add(v);
            }
            out.add(new Breakdown.Row(key.isEmpty() ? msg("breakdown.none", locale) : label.apply(key),
                    Arrays.asList(byKey.get(key)), total));
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

    /** The chart in words, for screen readers and text browsers: each year's value against its target. */
    private String chartText(PhaseFigures.Metric m, Locale locale) {
        List<String> years = new ArrayList<>();
        for (PhaseFigures.Year y : m.years()) {
            String value = formats.number(y.value(), locale);
            years.add(y.target() == null ? msg("chart.alt.year", locale, y.year(), value)
                    : msg(y.shortfall() ? "chart.alt.year.short" : "chart.alt.year.target", locale, y.year(), value,
                            formats.number(y.target(), locale)));
        }
        return msg("chart.alt", locale, msg("metric." + m.metric(), locale), String.join(" ; ", years));
    }

    private String chart(PhaseFigures.Metric m, Locale locale) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("metric", m.metric());
        c.put("years", m.years().stream().map(PhaseFigures.Year::year).toList());
        c.put("values", m.years().stream().map(PhaseFigures.Year::value).toList());
        c.put("targets", m.years().stream().map(PhaseFigures.Year::target).toList());
        c.put("shortfall", m.years().stream().map(PhaseFigures.Year::shortfall).toList());
        c.put("decimals", m.metric().endsWith("_fte")); // FTE are fractions; the other metrics are counts
        c.put("unit", m.metric().endsWith("_fte") ? msg("chart.unit.fte", locale) : null);
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
