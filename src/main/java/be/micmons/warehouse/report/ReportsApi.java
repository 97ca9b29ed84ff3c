package be.micmons.warehouse.report;

import be.micmons.warehouse.api.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports as submitted (DESIGN §13): freeze (ADMIN), read, and the corrections since. */
@RestController
@RequestMapping("/api/reports")
public class ReportsApi {
    private final FrozenReports reports;

    public ReportsApi(FrozenReports reports) {
        this.reports = reports;
    }

    public record FreezeRequest(String phase, Integer year, String note) {
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> freeze(@RequestBody FreezeRequest body, Authentication auth) {
        if (body == null) {
            throw new BadRequestException("give {\"phase\":…, \"year\":… (optional), \"note\":…}");
        }
        if (body.note() != null && body.note().length() > 2_000) {
            throw new BadRequestException("the note is longer than 2,000 characters");
        }
        FrozenReports.Frozen f = reports.freeze(body.phase(), body.year(), body.note(), auth.getName());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("sha256", f.sha256());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/reports/" + f.id()).body(out);
    }

    @GetMapping
    public List<Map<String, Object>> list() {
        return reports.list().stream().map(ReportsApi::summary).toList();
    }

    @GetMapping("/{id}")
    public Map<String, Object> one(@PathVariable long id) {
        Map<String, Object> out = summary(reports.get(id));
        out.put("figures", reports.figures(id).stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", f.metric());
            m.put("year", f.year());
            m.put("value", f.value());
            m.put("target", f.target());
            return m;
        }).toList());
        List<FrozenReports.Figure> totals = reports.totals(id);
        if (!totals.isEmpty()) {
            out.put("totals", totals.stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("metric", f.metric());
                m.put("value", f.value());
                m.put("target", f.target());
                return m;
            }).toList());
        }
        return out;
    }

    @GetMapping("/{id}/changes")
    public List<Map<String, Object>> changes(@PathVariable long id) {
        return reports.changes(id).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", c.metric());
            m.put("year", c.year());
            m.put("frozen", c.frozen());
            m.put("current", c.current());
            m.put("added", c.added().stream().map(ReportsApi::item).toList());
            m.put("removed", c.removed().stream().map(ReportsApi::item).toList());
            m.put("added_count", c.addedCount());
            m.put("removed_count", c.removedCount());
            return m;
        }).toList();
    }

    /** The canonical text whose SHA-256 is the report's: {@code curl … | sha256sum}. */
    @GetMapping("/{id}/canonical")
    public void canonical(@PathVariable long id, HttpServletResponse response) throws IOException {
        reports.get(id);
        response.setContentType("text/plain;charset=UTF-8");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            reports.canonical(id, line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static Map<String, Object> summary(FrozenReports.Summary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("phase", r.phase());
        m.put("year", r.year());
        m.put("created_at", r.createdAt());
        m.put("created_by", r.createdBy());
        m.put("note", r.note());
        m.put("sha256", r.sha256());
        return m;
    }

    private static Map<String, Object> item(FrozenReports.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", i.item());
        m.put("import_id", i.importId());
        m.put("file_name", i.fileName());
        m.put("line", i.lineNo());
        return m;
    }
}
