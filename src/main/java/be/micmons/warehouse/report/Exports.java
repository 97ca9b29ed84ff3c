package be.micmons.warehouse.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * What the phase report's and the frozen reports' downloads share: the attachment headers, the CSV
 * dialect Excel in Belgium opens, and XLSX cells whose text goes through {@link SpreadsheetSafe}.
 */
final class Exports {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Fills a new workbook's sheets; bold is a style of that workbook for header rows. */
    interface Sheets {
        void fill(SXSSFWorkbook wb, CellStyle bold) throws IOException;
    }

    private Exports() {
    }

    static void start(HttpServletResponse response, String type, String file) {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
    }

    static CSVPrinter csvPrinter(OutputStream os) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        w.write('\uFEFF'); // BOM: Excel then reads UTF-8
        return new CSVPrinter(w, CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get());
    }

    /** Sends a streamed workbook (200 rows in memory) as the attachment file. */
    static void xlsx(HttpServletResponse response, String file, Sheets sheets) throws IOException {
        start(response, XLSX, file);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) { // close() also removes SXSSF's temporary files
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            sheets.fill(wb, bold);
            try (OutputStream os = response.getOutputStream()) {
                wb.write(os);
            }
        }
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

    /** As {@link #write(Row, List, CellStyle)}, numbers in their own style. */
    static void write(Row row, List<?> values, CellStyle style, CellStyle numbers) {
        write(row, values, style);
        for (Cell c : row) {
            if (c.getCellType() == CellType.NUMERIC) {
                c.setCellStyle(numbers);
            }
        }
    }
}
