package be.micmons.warehouse.console;

import be.micmons.warehouse.intake.Pull;
import be.micmons.warehouse.nightly.PullRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operations pages: the import ledger (refreshing itself while imports run), one import's rejected
 * rows, the last nightly runs. The admin buttons call the operations API (DESIGN §9) with fetch().
 */
@Controller
public class OperationsController {
    static final Set<String> SOURCES = Set.of("incubators", "exams", "hr");
    static final Set<String> STATUSES = Set.of("RUNNING", "LOADED", "LOADED_WITH_REJECTS", "DUPLICATE", "FAILED", "SUPERSEDED", "HELD", "WITHDRAWN");
    static final int REJECT_PAGE = 1_000;

    private final ConsoleQueries queries;
    private final PullRunner pulls;

    public OperationsController(ConsoleQueries queries, PullRunner pulls) {
        this.queries = queries;
        this.pulls = pulls;
    }

    /** The pulls that are configured (a button each) and those that are not (how to configure them). */
    private void pulls(Model model) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String name : PullRunner.KNOWN) {
            boolean enabled;
            try {
                enabled = pulls.find(name).map(Pull::enabled).orElse(false);
            } catch (RuntimeException e) { // a configuration error: no button, the note says how to set it
                enabled = false;
            }
            (enabled ? on : off).add(name);
        }
        model.addAttribute("pullsOn", on);
        model.addAttribute("pullsOff", off);
    }

    @GetMapping("/console/imports")
    public String imports(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String partner, @RequestParam(required = false) String file,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = "200") int limit,
                          @RequestParam(required = false) String fragment, Model model) {
        source = blankToNull(source);
        status = blankToNull(status);
        partner = blankToNull(partner);
        file = blankToNull(file);
        if ((source != null && !SOURCES.contains(source)) || (status != null && !STATUSES.contains(status))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown source or status");
        }
        List<String> partners = queries.importPartners();
        if (partner != null && !partners.contains(partner)) {
            partner = null; // a partner that never sent anything: every import of the others stays in view
        }
        if (file != null && file.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "file name filter too long");
        }
        java.time.LocalDate fromDay = day(from);
        java.time.LocalDate toDay = day(to);
        model.addAttribute("source", source);
        model.addAttribute("status", status);
        model.addAttribute("partner", partner);
        model.addAttribute("file", file);
        model.addAttribute("from", fromDay);
        model.addAttribute("to", toDay);
        model.addAttribute("sources", SOURCES.stream().sorted().toList());
        model.addAttribute("statuses", STATUSES.stream().sorted().toList());
        model.addAttribute("partners", partners);
        model.addAttribute("imports", queries.imports(new ConsoleQueries.ImportFilter(source, status, partner, file,
                fromDay, toDay), Math.max(1, Math.min(limit, 10_000))));
        model.addAttribute("running", queries.runningImports());
        model.addAttribute("busy", queries.runningWork());
        model.addAttribute("nightly", queries.nightlyRuns(10));
        model.addAttribute("pullRuns", queries.pullRuns(10));
        pulls(model);
        // the page refreshes its live parts by fetching itself with ?fragment=live
        return "live".equals(fragment) ? "console/imports :: live" : "console/imports";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static java.time.LocalDate day(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(s.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a date is written yyyy-MM-dd");
        }
    }

    @GetMapping("/console/imports/{id}")
    public String oneImport(@PathVariable long id, @RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("imp", queries.oneImport(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no import " + id)));
        int from = Math.max(0, offset);
        model.addAttribute("rejects", queries.rejects(id, REJECT_PAGE, from));
        model.addAttribute("rejectCount", queries.rejectCount(id));
        model.addAttribute("rejectCounts", queries.rejectCounts(id));
        model.addAttribute("offset", from);
        model.addAttribute("pageSize", REJECT_PAGE);
        return "console/import";
    }
}
