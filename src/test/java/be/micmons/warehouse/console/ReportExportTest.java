package be.micmons.warehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The phase report as CSV and XLSX, read back with Apache POI; text from partner files cannot become a formula. */
class ReportExportTest extends WarehouseTest {
    private static final List<String> HOSTILE = List.of("=1+2", "+32 Telecom", "-Minus Labs", "@SUM(A1)");

    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void samplesAndAHostileFile() throws IOException {
        int n = dropSamples("incubators");
        partnerLayout("formula-test", companyFoundedZipLayout("formula-test", "Formula Test", ""));
        StringBuilder csv = new StringBuilder("Company;Founded;Zip\n");
        for (String name : HOSTILE) {
            csv.append('"').append(name).append("\";01/03/2013;7000\n");
        }
        drop("incubators/formula-test/hostile.csv", csv.toString(), StandardCharsets.UTF_8);
        awaitImports(n + 1);
    }

    private ResponseEntity<byte[]> get(String path) {
        return rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity(path, byte[].class);
    }

    @Test
    void xlsxReportHoldsThePhaseFiguresAndNeutralizedItems() throws IOException {
        ResponseEntity<byte[]> res = get("/console/report.xlsx?phase=2009-2011");
        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(res.getHeaders().getContentType().toString()).startsWith("application/vnd.openxmlformats");
        assertThat(res.getHeaders().getContentDisposition().getFilename()).isEqualTo("convention-report-2009-2011.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getBody()))) {
            Sheet report = wb.getSheet("Rapport");
            assertThat(text(report.getRow(0))).startsWith("Phase", "Indicateur", "Libellé", "Période", "Réalisé", "Objectif");
            Row phase = find(report, "startups_created", "2009-2011");
            assertThat(phase.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(phase.getCell(4).getNumericCellValue()).isEqualTo(25.0);
            assertThat(phase.getCell(5).getNumericCellValue()).isEqualTo(25.0);
            assertThat(phase.getCell(7).getNumericCellValue()).isEqualTo(100.0);
            assertThat(phase.getCell(8).getStringCellValue()).isEqualTo("non");
            assertThat(find(report, "startups_created", "2010").getCell(4).getNumericCellValue()).isEqualTo(9.0);
            assertThat(find(report, "jobs_created", "2009-2011").getCell(5).getNumericCellValue()).isEqualTo(250.0);
            assertThat(find(report, "jobs_created", "2009-2011").getCell(8).getStringCellValue()).isEqualTo("oui");

            Sheet items = wb.getSheet("Éléments comptés");
            assertThat(items.getLastRowNum()).isEqualTo(25); // header + the 25 start-ups counted in 2009-2011
            assertThat(column(items, 3)).anySatisfy(s -> assertThat(s).startsWith("Digital Wallonia Lab"));
            assertThat(column(items, 6)).contains("boostcamp-2009-2014.csv");
        }

        // 2012-2014 counts the hostile names: text cells, each behind an apostrophe
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(get("/console/report.xlsx?phase=2012-2014").getBody()))) {
            Sheet items = wb.getSheet("Éléments comptés");
            List<String> names = column(items, 3);
            assertThat(names).contains("'=1+2", "'+32 Telecom", "'-Minus Labs", "'@SUM(A1)");
            for (Row r : items) {
                for (Cell c : r) {
                    assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
            assertThat(find(wb.getSheet("Rapport"), "jobs_created", "2013").getCell(6).getStringCellValue()).isEqualTo("annuel");
        }
    }

    @Test
    void csvReportAndEvidenceAreNeutralizedToo() {
        ResponseEntity<byte[]> res = get("/console/report.csv?phase=2009-2011&lang=en");
        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        String csv = new String(res.getBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFPhase;Metric;Label;Period;Achieved;Target;Target basis;% reached;Below target\r\n");
        assertThat(csv).contains("2009-2011;startups_created;Start-ups created;2009-2011;25;25;phase;100;no\r\n");
        assertThat(csv).contains("2009-2011;startups_created;Start-ups created;2011;8;8.33;phase pro rata;96;yes\r\n");

        String evidence = new String(get("/console/evidence.csv?metric=startups_created&year=2013").getBody(),
                StandardCharsets.UTF_8);
        assertThat(evidence.lines().skip(1)).hasSize(2 + HOSTILE.size());
        assertThat(evidence).contains(";'=1+2;", ";'+32 Telecom;", ";'-Minus Labs;", ";'@SUM(A1);", ";hostile.csv;");

        assertThat(rest.getForEntity("/console/report.csv?phase=2009-2011", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/console/report.csv?phase=1999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static List<String> text(Row row) {
        List<String> out = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        for (Cell c : row) {
            out.add(f.formatCellValue(c));
        }
        return out;
    }

    private static List<String> column(Sheet sheet, int col) {
        List<String> out = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        for (Row r : sheet) {
            if (r.getRowNum() > 0 && r.getCell(col) != null) {
                out.add(f.formatCellValue(r.getCell(col)));
            }
        }
        return out;
    }

    private static Row find(Sheet sheet, String metric, String period) {
        DataFormatter f = new DataFormatter();
        for (Row r : sheet) {
            if (metric.equals(f.formatCellValue(r.getCell(1))) && period.equals(f.formatCellValue(r.getCell(3)))) {
                return r;
            }
        }
        throw new AssertionError("no row " + metric + " " + period);
    }
}
