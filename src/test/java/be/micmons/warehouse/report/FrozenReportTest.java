package be.micmons.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.micmons.warehouse.support.WarehouseTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Reports as submitted (DESIGN §13): frozen on the partner samples, a late partner file moves the
 * live figures but not the report, whose corrections name the file and line; the database refuses
 * to change frozen rows; the sha256 is recomputed from the CSV export by the README's recipe; the
 * PDF holds the figures and the sha256.
 */
class FrozenReportTest extends WarehouseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;

    int samples;

    @BeforeEach
    void samples() throws IOException {
        samples = loadSamples("incubators");
    }

    @Test
    void aLateFileIsACorrectionOfTheFrozenReportNeverAChangeOfIt() throws Exception {
        long live2010 = kpi("startups_created", 2010);
        assertThat(live2010).isPositive();

        ResponseEntity<String> refused = post("viewer", VIEWER_PASSWORD, "{\"phase\":\"2009-2011\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("admin", ADMIN_PASSWORD, "{\"phase\":\"1999-2001\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("admin", ADMIN_PASSWORD, "{\"phase\":\"2009-2011\",\"year\":2015}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<String> created = post("admin", ADMIN_PASSWORD,
                "{\"phase\":\"2009-2011\",\"note\":\"envoyé à la Région le 15 janvier\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode answer = JSON.readTree(created.getBody());
        long id = answer.get("id").asLong();
        String sha = answer.get("sha256").asText();
        assertThat(sha).matches("[0-9a-f]{64}");

        JsonNode report = getJson("/api/reports/" + id);
        assertThat(report.get("phase").asText()).isEqualTo("2009-2011");
        assertThat(report.get("year").isNull()).isTrue();
        assertThat(report.get("created_by").asText()).isEqualTo("admin");
        assertThat(report.get("note").asText()).isEqualTo("envoyé à la Région le 15 janvier");
        assertThat(report.get("sha256").asText()).isEqualTo(sha);
        assertThat(report.get("figures")).hasSize(3 * 6); // three years, six metrics
        assertThat(report.get("totals")).hasSize(6);
        JsonNode startups = report.get("totals").get(0);
        assertThat(startups.get("metric").asText()).isEqualTo("startups_created");
        assertThat(startups.get("target").decimalValue()).isEqualByComparingTo("25"); // the phase target
        assertThat(figure(report, "startups_created", 2010)).isEqualByComparingTo(BigDecimal.valueOf(live2010));
        assertThat(jdbc.queryForObject("select count(*) from ops.report_item where report_id = ? and metric = 'startups_created'"
                + " and year between 2009 and 2011", Long.class, id))
                .isEqualTo(kpi("startups_created", 2009) + live2010 + kpi("startups_created", 2011));
        assertThat(getJson("/api/reports").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(getJson("/api/reports/" + id + "/changes")).isEmpty();

        // anyone can re-check the sha256 from the CSV export with the README's recipe
        assertThat(shaFromCsvExport(id)).isEqualTo(sha);
        assertThat(sha256(get("/api/reports/" + id + "/canonical").getBody())).isEqualTo(sha);

        // a late partner file: a start-up founded in 2010 that nobody had reported
        drop("incubators/mons-mic/boostcamp-late-2010.csv", """
                Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status
                Retard Numérique;SRL;;05/05/2010;7000;Mons;cloud;Boostcamp;created
                """, StandardCharsets.UTF_8);
        awaitImports(samples + 1);
        assertThat(kpi("startups_created", 2010)).isEqualTo(live2010 + 1);

        JsonNode after = getJson("/api/reports/" + id);
        assertThat(figure(after, "startups_created", 2010)).isEqualByComparingTo(BigDecimal.valueOf(live2010));
        assertThat(after.get("figures")).isEqualTo(report.get("figures"));
        assertThat(shaFromCsvExport(id)).isEqualTo(sha);

        JsonNode changes = getJson("/api/reports/" + id + "/changes");
        assertThat(changes).hasSize(1);
        JsonNode change = changes.get(0);
        assertThat(change.get("metric").asText()).isEqualTo("startups_created");
        assertThat(change.get("year").asInt()).isEqualTo(2010);
        assertThat(change.get("frozen").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(live2010));
        assertThat(change.get("current").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(live2010 + 1));
        assertThat(change.get("removed")).isEmpty();
        assertThat(change.get("added")).hasSize(1);
        JsonNode added = change.get("added").get(0);
        assertThat(added.get("file_name").asText()).isEqualTo("boostcamp-late-2010.csv");
        assertThat(added.get("line").asLong()).isEqualTo(2);
        assertThat(added.get("item").asText()).isEqualTo("Retard Numérique");
        long lateImport = jdbc.queryForObject("select id from ops.import where file_name = 'boostcamp-late-2010.csv'", Long.class);
        assertThat(added.get("import_id").asLong()).isEqualTo(lateImport);

        // the console shows both sides and the correction; the list offers the freeze button to an admin only
        String page = get("/console/reports/" + id).getBody();
        assertThat(page).contains("boostcamp-late-2010.csv", "Retard Numérique", sha, "Corrections depuis l");
        assertThat(get("/console/reports/" + id + "?lang=en").getBody()).contains("Corrections since it was sent");
        assertThat(rest.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/console/reports", String.class).getBody())
                .contains("Figer le rapport", "/console/reports/" + id);
        assertThat(get("/console/reports").getBody()).doesNotContain("Figer le rapport").contains(sha.substring(0, 12));

        // the printable report: French, the figures against their targets, the correction, id and sha256
        ResponseEntity<byte[]> pdf = rest.withBasicAuth("viewer", VIEWER_PASSWORD)
                .getForEntity("/console/reports/" + id + ".pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        Files.write(Path.of("target/frozen-report.pdf"), pdf.getBody());
        try (PDDocument doc = Loader.loadPDF(pdf.getBody())) {
            // left in target/ to look at, like the console screenshots
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 80),
                    "png", Path.of("target/frozen-report-page1.png").toFile());
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Rapport à la Région wallonne", "Phase 2009-2011", "Start-ups créées",
                    "Rapport n° " + id, sha, "boostcamp-late-2010.csv", "Retard Numérique");
            long total = kpi("startups_created", 2009) + live2010 + kpi("startups_created", 2011);
            assertThat(text.replace('\u202f', ' ').replace('\u00a0', ' '))
                    .contains("Start-ups créées 2010 " + live2010 + " ")
                    .contains("Start-ups créées " + total + " 25 " + Math.round(total * 100.0 / 25) + " %");
        }

        // the XLSX carries id and sha256 too
        ResponseEntity<byte[]> xlsx = rest.withBasicAuth("viewer", VIEWER_PASSWORD)
                .getForEntity("/console/reports/" + id + ".xlsx", byte[].class);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getNumericCellValue()).isEqualTo((double) id);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(sha);
        }
    }

    @Test
    void theDatabaseRefusesToChangeAFrozenReport() throws Exception {
        long id = JSON.readTree(post("admin", ADMIN_PASSWORD, "{\"phase\":\"2012-2014\",\"year\":2012}").getBody())
                .get("id").asLong();
        assertThat(getJson("/api/reports/" + id).get("figures")).hasSize(6);
        assertThatThrownBy(() -> jdbc.update("update ops.report_figure set value = value + 1 where report_id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ops.report_item where report_id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update ops.report set note = 'changed' where id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ops.report where id = ?", id))
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from ops.report_figure where report_id = ?", Long.class, id))
                .isEqualTo(6);
        assertThat(rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity("/api/reports/999", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The README's recipe, from the CSV export alone. */
    private String shaFromCsvExport(long id) throws Exception {
        String csv = get("/console/reports/" + id + ".csv").getBody();
        assertThat(csv).startsWith("\uFEFF");
        List<CSVRecord> records = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(records.get(0).get(1)).isEqualTo(Long.toString(id));
        assertThat(records.get(1).get(0)).isEqualTo("SHA-256");
        String phase = records.get(2).get(1);
        String year = records.get(3).get(1);
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", "report", phase, year.equals(phase) ? "" : year));
        int section = 0;
        for (CSVRecord r : records.subList(7, records.size())) {
            if (r.size() == 1 && r.get(0).isEmpty()) {
                section++;
                continue;
            }
            if (r.get(0).equals("Indicateur")) {
                continue; // a header line
            }
            if (section == 1 && r.get(2).equals(phase)) { // a phase total: metric; label; phase; value; target
                lines.add(String.join("\t", "phase", r.get(0), r.get(3), r.get(4)));
            } else if (section == 1) { // metric; label; year; value; target
                lines.add(String.join("\t", "figure", r.get(0), r.get(2), r.get(3), r.get(4)));
            } else { // metric; year; import; line; file; item
                lines.add(String.join("\t", "item", r.get(0), r.get(1), r.get(2), r.get(3), esc(unguard(r.get(4))),
                        esc(unguard(r.get(5)))));
            }
        }
        return sha256(String.join("\n", lines) + "\n");
    }

    private static String unguard(String s) {
        return s.length() > 1 && s.charAt(0) == '\'' && "=+-@\t\r".indexOf(s.charAt(1)) >= 0 ? s.substring(1) : s;
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static BigDecimal figure(JsonNode report, String metric, int year) {
        for (JsonNode f : report.get("figures")) {
            if (f.get("metric").asText().equals(metric) && f.get("year").asInt() == year) {
                return f.get("value").decimalValue();
            }
        }
        throw new AssertionError("no figure " + metric + " " + year + " in " + report);
    }

    private ResponseEntity<String> post(String user, String password, String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, password).exchange("/api/reports", HttpMethod.POST, new HttpEntity<>(body, h),
                String.class);
    }

    private ResponseEntity<String> get(String path) {
        ResponseEntity<String> r = rest.withBasicAuth("viewer", VIEWER_PASSWORD).getForEntity(path, String.class);
        assertThat(r.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return r;
    }

    private JsonNode getJson(String path) throws IOException {
        return JSON.readTree(get(path).getBody());
    }
}
