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
                          @RequestParam(defaultValue = "200") int limit,
                          @RequestParam(required = false) String fragment, Model model) {
        source = source == null || source.isBlank() ? null : source;
        status = status == null || status.isBlank() ? null : status;
        if ((source != null && !SOURCES.contains(source)) || (status != null && !STATUSES.contains(status))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown source or status");
        }
        model.addAttribute("source", source);
        model.addAttribute("status", status);
        model.addAttribute("sources", SOURCES.stream().sorted().toList());
        model.addAttribute("statuses", STATUSES.stream().sorted().toList());
        model.addAttribute("imports", queries.imports(source, status, Math.max(1, Math.min(limit, 10_000))));
        model.addAttribute("running", queries.runningImports());
        model.addAttribute("busy", queries.runningWork());
        model.addAttribute("nightly", queries.nightlyRuns(10));
        model.addAttribute("pullRuns", queries.pullRuns(10));
        pulls(model);
        // the page refreshes its live parts by fetching itself with ?fragment=live
        return "live".equals(fragment) ? "console/imports :: live" : "console/imports";
    }

    @GetMapping("/console/imports/{id}")
    public String oneImport(@PathVariable long id, @RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("imp", queries.oneImport(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no import " + id)));
        int from = Math.max(0, offset);
        model.addAttribute("rejects", queries.rejects(id, REJECT_PAGE, from));
        model.addAttribute("rejectCount", queries.rejectCount(id));
        model.addAttribute("offset", from);
        model.addAttribute("pageSize", REJECT_PAGE);
        return "console/import";
    }
}
