package be.micmons.warehouse.report;

import be.micmons.warehouse.console.ConsoleFormat;
import be.micmons.warehouse.console.ConsoleQueries;
import be.micmons.warehouse.console.ConsoleTexts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Report exports for the Region: the phase report as CSV ({@code ;}, UTF-8 with BOM, as Excel in
 * Belgium opens it) and XLSX (report sheet + counted items sheet), and one figure's counted items as CSV.
 * Every text cell goes through {@link SpreadsheetSafe}.
 */
@RestController
public class ReportController {
    private final ConsoleQueries queries;
    private final PhaseReport report;
    private final ConsoleTexts texts;
    private final ConsoleFormat format;

    public ReportController(ConsoleQueries queries, PhaseReport report, ConsoleTexts texts, ConsoleFormat format) {
        this.queries = queries;
        this.report = report;
        this.texts = texts;
        this.format = format;
    }

    /** "Données au 1er décembre 2026, 02:00" (DESIGN §18): what date the exported figures are from. */
    private String dataDate(Locale locale) {
        java.sql.Timestamp at = queries.dataDate();
        return at == null ? report.text("data.none", locale)
                : report.textOf("data.date", locale, format.dataDate(at, locale));
    }

    @GetMapping("/console/report.csv")
    public void csv(@RequestParam String phase, Locale locale, HttpServletResponse response) throws IOException {
        ConsoleQueries.Phase p = phase(phase);
        Exports.start(response, "text/csv;charset=UTF-8", fileName(p, "csv"));
        try (CSVPrinter out = Exports.csvPrinter(response.getOutputStream())) {
            out.printRecord(reportHeader(locale));
            for (PhaseReport.Line l : report.lines(p, locale)) {
                out.printRecord(reportRow(l, locale).stream().map(v -> v instanceof String s ? SpreadsheetSafe.text(s) : v)
                        .map(v -> v instanceof BigDecimal b ? plain(b, locale) : v).toList());
            }
            out.printRecord(dataDate(locale));
        }
    }

    @GetMapping("/console/report.xlsx")
    public void xlsx(@RequestParam String phase, Locale locale, HttpServletResponse response) throws IOException {
        ConsoleQueries.Phase p = phase(phase);
        Exports.xlsx(response, fileName(p, "xlsx"), (wb, bold) -> {
            summary(wb, p, locale, bold);
            SXSSFSheet sheet = wb.createSheet(report.text("report.sheet.report", locale));
            int r = 0;
            Exports.write(sheet.createRow(r++), reportHeader(locale), bold);
            for (PhaseReport.Line l : report.lines(p, locale)) {
                Exports.write(sheet.createRow(r++), reportRow(l, locale), null);
            }
            sheet.createFreezePane(0, 1);
            widths(sheet, 12, 26, 30, 12, 12, 12, 20, 10, 14);

            SXSSFSheet items = wb.createSheet(report.text("report.sheet.items", locale));
            Exports.write(items.createRow(0), itemsHeader(locale), bold);
            int[] row = {1};
            report.items(null, p.yearFrom(), p.yearTo(), i -> Exports.write(items.createRow(row[0]++), itemRow(i, locale), null));
            items.createFreezePane(0, 1);
            widths(items, 26, 30, 8, 60, 12, 18, 34, 8, 8);
        });
    }

    /** The counted items of one figure (a year, or a whole phase). */
    @GetMapping("/console/evidence.csv")
    public void evidenceCsv(@RequestParam String metric, @RequestParam(required = false) Integer year,
                            @RequestParam(required = false) String phase, Locale locale,
                            HttpServletResponse response) throws IOException {
        if (!queries.metrics().contains(metric)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown metric " + metric);
        }
        int from;
        int to;
        String period;
        if (year != null) {
            from = year;
            to = year;
            period = year.toString();
        } else {
            ConsoleQueries.Phase p = phase(phase);
            from = p.yearFrom();
            to = p.yearTo();
            period = p.phase();
        }
        Exports.start(response, "text/csv;charset=UTF-8", "evidence-" + metric + "-" + period + ".csv");
        try (CSVPrinter out = Exports.csvPrinter(response.getOutputStream())) {
            List<String> header = new ArrayList<>(itemsHeader(locale));
            header.add(report.text("report.col.dataDate", locale));
            out.printRecord(header);
            java.sql.Timestamp at = queries.dataDate();
            String asOf = at == null ? "" : format.dataDate(at, locale);
            IOException[] failed = {null};
            report.items(metric, from, to, i -> {
                try {
                    List<Object> row = new ArrayList<>(itemRow(i, locale));
                    row.add(asOf);
                    out.printRecord(row.stream().map(v -> v instanceof String s ? SpreadsheetSafe.text(s) : v).toList());
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    /** One import's rejected rows and warnings, reasons and details in the reader's language, codes beside them. */
    @GetMapping("/console/imports/{id}/rejects.csv")
    public void rejectsCsv(@org.springframework.web.bind.annotation.PathVariable long id, Locale locale,
                           HttpServletResponse response) throws IOException {
        if (queries.oneImport(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no import " + id);
        }
        Exports.start(response, "text/csv;charset=UTF-8", "rejects-import-" + id + ".csv");
        try (CSVPrinter out = Exports.csvPrinter(response.getOutputStream())) {
            out.printRecord(report.text("import.line", locale), report.text("import.field", locale),
                    report.text("import.reason", locale), report.text("report.col.code", locale),
                    report.text("import.severity", locale), report.text("import.detail", locale));
            IOException[] failed = {null};
            queries.eachReject(id, rs -> {
                try {
                    String code = rs.getString("reason_code");
                    out.printRecord(rs.getObject("line_no"), SpreadsheetSafe.text(rs.getString("field")),
                            texts.reason(code, locale), code, report.text("severity." + rs.getString("severity"), locale),
                            SpreadsheetSafe.text(texts.detail(code, rs.getString("message"), locale)));
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            out.printRecord(dataDate(locale));
        }
    }

    private ConsoleQueries.Phase phase(String phase) {
        return queries.phase(phase == null ? "" : phase)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown phase " + phase));
    }

    private List<String> reportHeader(Locale l) {
        return List.of(report.text("report.col.phase", l), report.text("report.col.metric", l),
                report.text("report.col.label", l), report.text("report.col.period", l), report.text("report.col.value", l),
                report.text("report.col.target", l), report.text("report.col.targetBasis", l),
                report.text("report.col.percent", l), report.text("report.col.belowTarget", l));
    }

    private List<Object> reportRow(PhaseReport.Line l, Locale locale) {
        List<Object> row = new ArrayList<>();
        row.add(l.phase());
        row.add(l.metric());
        row.add(l.label());
        row.add(l.year() == null ? l.phase() : l.year());
        row.add(l.value());
        row.add(l.target() == null ? null : l.target().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros());
        row.add(l.target() == null ? "" : report.text(l.year() == null ? "report.basis.phase"
                : l.proRata() ? "report.basis.prorata" : "report.basis.yearly", locale));
        row.add(l.percent());
        row.add(l.target() == null ? "" : report.text(l.shortfall() ? "report.yes" : "report.no", locale));
        return row;
    }

    private List<String> itemsHeader(Locale l) {
        return List.of(report.text("report.col.metric", l), report.text("report.col.label", l),
                report.text("report.col.year", l), report.text("evidence.item", l), report.text("evidence.source", l),
                report.text("evidence.partner", l), report.text("evidence.file", l), report.text("evidence.import", l),
                report.text("evidence.line", l));
    }

    private List<Object> itemRow(PhaseReport.Item i, Locale locale) {
        List<Object> row = new ArrayList<>();
        row.add(i.metric());
        row.add(report.label(i.metric(), locale));
        row.add(i.year());
        row.add(texts.evidence(i.metric(), i.item(), locale));
        row.add(i.source());
        row.add(i.partner());
        row.add(i.fileName());
        row.add(i.importId());
        row.add(i.lineNo());
        return row;
    }

    /**
     * The sheet to send: title, phase, data date, then one row per metric with the phase value and
     * target, then one column per year (each column holds one kind of period, numbers only).
     */
    private void summary(SXSSFWorkbook wb, ConsoleQueries.Phase p, Locale locale, CellStyle bold) {
        CellStyle title = wb.createCellStyle();
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title.setFont(big);
        CellStyle decimals = wb.createCellStyle();
        decimals.setDataFormat(wb.createDataFormat().getFormat("#,##0.##"));
        SXSSFSheet sheet = wb.createSheet(report.text("report.sheet.summary", locale));
        int r = 0;
        Exports.write(sheet.createRow(r++), List.of(report.text("report.title", locale)), title);
        Exports.write(sheet.createRow(r++), List.of(report.textOf("report.phase", locale, p.phase())), bold);
        Exports.write(sheet.createRow(r++), List.of(dataDate(locale)), null);
        r++;
        List<Object> header = new ArrayList<>(List.of(report.text("report.col.label", locale),
                report.textOf("report.col.phaseValue", locale, p.phase()), report.text("report.col.target", locale),
                report.text("report.col.percent", locale)));
        for (int y = p.yearFrom(); y <= p.yearTo(); y++) {
            header.add(report.textOf("report.col.yearValue", locale, y));
        }
        Exports.write(sheet.createRow(r++), header, bold);
        List<Object> row = null;
        for (PhaseReport.Line l : report.lines(p, locale)) {
            if (l.year() == null) {
                if (row != null) {
                    Exports.write(sheet.createRow(r++), row, null, decimals);
                }
                row = new ArrayList<>();
                row.add(l.label());
                row.add(l.value());
                row.add(l.target());
                row.add(l.percent());
            } else if (row != null) {
                row.add(l.value());
            }
        }
        if (row != null) {
            Exports.write(sheet.createRow(r++), row, null, decimals);
        }
        int[] w = new int[4 + p.yearTo() - p.yearFrom() + 1];
        java.util.Arrays.fill(w, 12);
        w[0] = 30;
        w[1] = 16;
        widths(sheet, w);
    }

    private static void widths(SXSSFSheet sheet, int... chars) {
        for (int c = 0; c < chars.length; c++) {
            sheet.setColumnWidth(c, chars[c] * 256);
        }
    }

    /** 8,33 in French, 8.33 in English, as the console shows it; no grouping, so spreadsheets read it as a number. */
    private static String plain(BigDecimal b, Locale locale) {
        String s = b.stripTrailingZeros().toPlainString();
        return "en".equals(locale.getLanguage()) ? s : s.replace('.', ',');
    }

    private static String fileName(ConsoleQueries.Phase p, String ext) {
        return "convention-report-" + p.phase() + "." + ext;
    }
}
