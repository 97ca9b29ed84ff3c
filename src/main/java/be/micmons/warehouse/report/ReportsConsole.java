package be.micmons.warehouse.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.springframework.jdbc.core.JdbcTemplate;
import be.micmons.warehouse.console.ConsolePage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console pages of the reports as submitted (DESIGN §13): the list with the freeze form, one
 * report frozen vs current with its corrections, and its PDF, CSV and XLSX, each naming the
 * report's id and sha256.
 */
@Controller
@ConsolePage
public class ReportsConsole {
    private final FrozenReports reports;
    private final ReportPdf pdf;
    private final PhaseReport labels;
    private final JdbcTemplate jdbc;

    public ReportsConsole(FrozenReports reports, ReportPdf pdf, PhaseReport labels, JdbcTemplate jdbc) {
        this.reports = reports;
        this.pdf = pdf;
        this.labels = labels;
        this.jdbc = jdbc;
    }

    /** One line of the side-by-side table. */
    public record Row(String metric, int year, BigDecimal frozen, BigDecimal current, BigDecimal target) {
        public boolean changed() {
            return frozen.compareTo(current) != 0;
        }

        /** The frozen value as a percent of its target, or null without a target. */
        public Integer percent() {
            return target == null || target.signum() <= 0 ? null
                    : frozen.multiply(BigDecimal.valueOf(100)).divide(target, 0, java.math.RoundingMode.HALF_UP).intValue();
        }
    }

    @GetMapping("/console/reports")
    public String list(Model model) {
        model.addAttribute("reports", reports.list());
        model.addAttribute("phases", jdbc.queryForList(
                "select phase, year_from, year_to from ops.convention_phase order by year_from"));
        return "console/reports";
    }

    @GetMapping("/console/reports/{id}")
    public String one(@PathVariable long id, Model model) {
        fill(id, model);
        return "console/report";
    }

    @GetMapping("/console/reports/{id}.pdf")
    public void pdf(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        Map<String, Object> vars = new java.util.HashMap<>();
        fillInto(id, vars);
        byte[] doc = pdf.render("console/report-pdf", vars, Locale.FRENCH); // the Region reads it in French
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "inline; filename=\"rapport-" + id + ".pdf\"");
        response.setContentLength(doc.length);
        response.getOutputStream().write(doc);
    }

    @GetMapping("/console/reports/{id}.csv")
    public void csv(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        FrozenReports.Summary r = reports.get(id);
        Exports.start(response, "text/csv;charset=UTF-8", "rapport-" + id + ".csv");
        try (CSVPrinter out = Exports.csvPrinter(response.getOutputStream())) {
            for (List<Object> line : head(r, locale)) {
                out.printRecord(safe(line));
            }
            out.println();
            out.printRecord(figureHeader(locale));
            List<List<Object>> items = new ArrayList<>();
            reports.items(id, f -> print(out, figureRow(r, f, locale)), (metric, year, i) -> {
                if (items.isEmpty()) {
                    items.add(null);
                    print(out, List.of());
                    print(out, itemHeader(locale));
                }
                print(out, itemRow(metric, year, i, locale));
            });
        }
    }

    @GetMapping("/console/reports/{id}.xlsx")
    public void xlsx(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
        FrozenReports.Summary r = reports.get(id);
        Exports.xlsx(response, "rapport-" + id + ".xlsx", (wb, bold) -> {
            SXSSFSheet sheet = wb.createSheet(labels.text("report.sheet.report", locale));
            int[] row = {0};
            for (List<Object> line : head(r, locale)) {
                Exports.write(sheet.createRow(row[0]++), line, null);
            }
            row[0]++;
            Exports.write(sheet.createRow(row[0]++), figureHeader(locale), bold);
            SXSSFSheet items = wb.createSheet(labels.text("report.sheet.items", locale));
            int[] itemRow = {0};
            for (List<Object> line : head(r, locale)) {
                Exports.write(items.createRow(itemRow[0]++), line, null);
            }
            itemRow[0]++;
            Exports.write(items.createRow(itemRow[0]++), itemHeader(locale), bold);
            reports.items(id, fig -> Exports.write(sheet.createRow(row[0]++), figureRow(r, fig, locale), null),
                    (metric, year, i) -> Exports.write(items.createRow(itemRow[0]++),
                            itemRow(metric, year, i, locale), null));
        });
    }

    private void fill(long id, Model model) {
        Map<String, Object> vars = new java.util.HashMap<>();
        fillInto(id, vars);
        model.addAllAttributes(vars);
    }

    private void fillInto(long id, Map<String, Object> vars) {
        FrozenReports.Summary r = reports.get(id);
        vars.put("report", r);
        vars.put("rows", sideBySide(id));
        vars.put("totals", totals(id));
        vars.put("changes", reports.changes(id));
        vars.put("asOf", java.time.OffsetDateTime.now());
    }

    private List<Row> sideBySide(long id) {
        return jdbc.query("""
                select f.metric, f.year, f.value, coalesce(k.value, 0) as current, f.target
                from ops.report r
                join ops.report_figure f on f.report_id = r.id
                left join ops.metric m on m.name = f.metric
                left join mart.convention_kpi k on k.phase = r.phase and k.year = f.year and k.metric = f.metric
                where r.id = ? order by m.ord, f.metric, f.year""",
                (rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)), id);
    }

    /** Phase totals, sent and current, against the phase targets. */
    private List<Row> totals(long id) {
        return jdbc.query("""
                select p.metric, p.value, coalesce(k.value, 0) as current, p.target
                from ops.report r
                join ops.report_phase_figure p on p.report_id = r.id
                left join ops.metric m on m.name = p.metric
                left join mart.convention_phase_kpi k on k.phase = r.phase and k.metric = p.metric
                where r.id = ? order by m.ord, p.metric""",
                (rs, n) -> new Row(rs.getString(1), 0, rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)), id);
    }

    private List<List<Object>> head(FrozenReports.Summary r, Locale l) {
        return List.of(
                List.of(labels.text("frozen.col.id", l), r.id()),
                List.of("SHA-256", r.sha256()),
                List.of(labels.text("report.col.phase", l), r.phase()),
                List.of(labels.text("report.col.year", l), r.year() == null ? r.phase() : r.year().toString()),
                List.of(labels.text("frozen.col.created", l), r.createdAt().toString()),
                List.of(labels.text("frozen.col.by", l), r.createdBy()),
                List.of(labels.text("frozen.col.note", l), r.note() == null ? "" : r.note()));
    }

    private List<Object> figureHeader(Locale l) {
        return List.of(labels.text("report.col.metric", l), labels.text("report.col.label", l),
                labels.text("report.col.year", l), labels.text("report.col.value", l), labels.text("report.col.target", l));
    }

    /** A phase total says the phase in the year column, as the phase report export does. */
    private List<Object> figureRow(FrozenReports.Summary r, FrozenReports.Figure f, Locale l) {
        List<Object> row = new ArrayList<>();
        row.add(f.metric());
        row.add(labels.label(f.metric(), l));
        row.add(f.year() == null ? r.phase() : f.year());
        row.add(f.value());
        row.add(f.target());
        return row;
    }

    private List<Object> itemHeader(Locale l) {
        return List.of(labels.text("report.col.metric", l), labels.text("report.col.year", l),
                labels.text("evidence.import", l), labels.text("evidence.line", l), labels.text("evidence.file", l),
                labels.text("evidence.item", l));
    }

    private static List<Object> itemRow(String metric, int year, FrozenReports.Item i, Locale l) {
        List<Object> row = new ArrayList<>();
        row.add(metric);
        row.add(year);
        row.add(i.importId());
        row.add(i.lineNo());
        row.add(i.fileName());
        row.add(i.item());
        return row;
    }

    private static void print(CSVPrinter out, List<Object> row) {
        try {
            out.printRecord(safe(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text through the formula guard; numbers as the canonical text writes them. */
    private static List<Object> safe(List<Object> row) {
        return row.stream().map(v -> v instanceof String s ? SpreadsheetSafe.text(s)
                : v instanceof BigDecimal b ? CanonicalText.number(b) : v).toList();
    }
}
