package be.micmons.warehouse.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReportQueries queries;
    private final PhaseReport report;

    public ReportController(ReportQueries queries, PhaseReport report) {
        this.queries = queries;
        this.report = report;
    }

    @GetMapping("/console/report.csv")
    public void csv(@RequestParam String phase, Locale locale, HttpServletResponse response) throws IOException {
        ReportQueries.Phase p = phase(phase);
        start(response, "text/csv;charset=UTF-8", fileName(p, "csv"));
        try (CSVPrinter out = csvPrinter(response.getOutputStream())) {
            out.printRecord(reportHeader(locale));
            for (PhaseReport.Line l : report.lines(p, locale)) {
                out.printRecord(reportRow(l, locale).stream().map(v -> v instanceof String s ? SpreadsheetSafe.text(s) : v)
                        .map(v -> v instanceof BigDecimal b ? plain(b) : v).toList());
            }
        }
    }

    @GetMapping("/console/report.xlsx")
    public void xlsx(@RequestParam String phase, Locale locale, HttpServletResponse response) throws IOException {
        ReportQueries.Phase p = phase(phase);
        start(response, XLSX, fileName(p, "xlsx"));
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);

            SXSSFSheet sheet = wb.createSheet(report.text("report.sheet.report", locale));
            int r = 0;
            write(sheet.createRow(r++), reportHeader(locale), bold);
            for (PhaseReport.Line l : report.lines(p, locale)) {
                write(sheet.createRow(r++), reportRow(l, locale), null);
            }
            sheet.createFreezePane(0, 1);

            SXSSFSheet items = wb.createSheet(report.text("report.sheet.items", locale));
            write(items.createRow(0), itemsHeader(locale), bold);
            int[] row = {1};
            report.items(null, p.yearFrom(), p.yearTo(), i -> write(items.createRow(row[0]++), itemRow(i, locale), null));
            items.createFreezePane(0, 1);

            try (OutputStream os = response.getOutputStream()) {
                wb.write(os);
            }
        } finally {
            wb.close(); // also removes SXSSF's temporary files
        }
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
            ReportQueries.Phase p = phase(phase);
            from = p.yearFrom();
            to = p.yearTo();
            period = p.phase();
        }
        start(response, "text/csv;charset=UTF-8", "evidence-" + metric + "-" + period + ".csv");
        try (CSVPrinter out = csvPrinter(response.getOutputStream())) {
            out.printRecord(itemsHeader(locale));
            IOException[] failed = {null};
            report.items(metric, from, to, i -> {
                try {
                    out.printRecord(itemRow(i, locale).stream().map(v -> v instanceof String s ? SpreadsheetSafe.text(s) : v).toList());
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    private ReportQueries.Phase phase(String phase) {
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
        row.add(i.item());
        row.add(i.source());
        row.add(i.partner());
        row.add(i.fileName());
        row.add(i.importId());
        row.add(i.lineNo());
        return row;
    }

    static void write(Row row, List<?> values, CellStyle style) {
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else {
                cell.setCellValue(SpreadsheetSafe.text(v.toString()));
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }

    static CSVPrinter csvPrinter(OutputStream os) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        w.write('\uFEFF'); // BOM: Excel then reads UTF-8
        return new CSVPrinter(w, CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get());
    }

    static void start(HttpServletResponse response, String type, String file) {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
    }

    private static String fileName(ReportQueries.Phase p, String ext) {
        return "convention-report-" + p.phase() + "." + ext;
    }

}
