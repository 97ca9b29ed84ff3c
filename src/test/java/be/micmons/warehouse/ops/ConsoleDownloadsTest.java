package be.micmons.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator downloads or filters (issue 19): a file's rejects as CSV in their language, the
 * report CSV with French decimals and the data date, the XLSX summary sheet fit to send, the imports
 * filtered by partner, file name and received date, and the OpenAPI description behind VIEWER.
 */
class ConsoleDownloadsTest extends OpsTestBase {

    @BeforeEach
    void samples() throws Exception {
        loadSamples("incubators");
    }

    private byte[] bytes(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("viewer:" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<byte[]> res = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return res.body();
    }

    private static List<String> importIds(String html) {
        Matcher m = Pattern.compile("data-import=\"(\\d+)\"").matcher(html);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aFilesRejectsAsCsvInTheReadersLanguageWithTheCodesBeside() throws Exception {
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
        String fr = new String(bytes("/console/imports/" + mons + "/rejects.csv"), StandardCharsets.UTF_8);
        assertThat(fr).startsWith("\uFEFFLigne;Champ;Motif;Code;Gravité;Détail\r\n");
        assertThat(fr).contains("14;Company;Nom manquant;MISSING_NAME;erreur (non chargée);\"Le nom de l'entreprise est vide ;");
        assertThat(fr).contains("15;VAT / BCE;N° d'entreprise invalide;INVALID_ENTERPRISE_NUMBER;avertissement (chargée);");
        assertThat(fr.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("Données au ");
        String en = new String(bytes("/console/imports/" + mons + "/rejects.csv?lang=en"), StandardCharsets.UTF_8);
        assertThat(en).contains("14;Company;Missing name;MISSING_NAME;error (not loaded);\"The company name is empty;");

        // the import page counts them by reason
        String page = new String(bytes("/console/imports/" + mons), StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"reject-counts\"", "data-code=\"MISSING_NAME\"", "/console/imports/" + mons + "/rejects.csv");
    }

    @Test
    void theReportCsvWritesFrenchDecimalsAndTheDateOfItsData() throws Exception {
        String csv = new String(bytes("/console/report.csv?phase=2009-2011"), StandardCharsets.UTF_8);
        assertThat(csv).contains("2009-2011;startups_created;Start-ups créées;2011;8;8,33;prorata de la phase;96;oui\r\n");
        assertThat(csv.strip().lines().reduce((a, b) -> b).orElseThrow()).matches("Données au \\d+(er)? \\p{L}+ \\d{4}, \\d{2}:\\d{2}");
        String evidence = new String(bytes("/console/evidence.csv?metric=startups_created&year=2010"), StandardCharsets.UTF_8);
        assertThat(evidence.lines().findFirst().orElseThrow()).endsWith(";Données au");
        assertThat(evidence.lines().skip(1).toList()).as("the data date on every item").isNotEmpty()
                .allSatisfy(l -> assertThat(l).containsPattern(";\\d+(er)? \\p{L}+ \\d{4}, \\d{2}:\\d{2}$"));
    }

    @Test
    void theXlsxOpensOnASummaryToSend() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes("/console/report.xlsx?phase=2009-2011")))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getSheetName()).isEqualTo("Synthèse");
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(s.getRow(0).getCell(0))).startsWith("Convention MIC Mons");
            assertThat(f.formatCellValue(s.getRow(1).getCell(0))).isEqualTo("Phase 2009-2011");
            assertThat(f.formatCellValue(s.getRow(2).getCell(0))).startsWith("Données au ");
            var header = s.getRow(4);
            assertThat(f.formatCellValue(header.getCell(4))).isEqualTo("2009");
            assertThat(f.formatCellValue(header.getCell(6))).isEqualTo("2011");
            var startups = s.getRow(5);
            assertThat(f.formatCellValue(startups.getCell(0))).isEqualTo("Start-ups créées");
            for (int c = 1; c <= 6; c++) { // one kind of period per column, numbers only
                assertThat(startups.getCell(c).getCellType()).as("column %d", c).isEqualTo(CellType.NUMERIC);
            }
            assertThat(startups.getCell(1).getNumericCellValue()).isEqualTo(25.0);
            assertThat(startups.getCell(5).getNumericCellValue()).isEqualTo(9.0);
            assertThat(s.getColumnWidth(0)).isGreaterThan(20 * 256);
            assertThat(wb.getSheet("Rapport").getColumnWidth(2)).isGreaterThan(20 * 256);
        }
    }

    @Test
    void importsFilterByPartnerFileNameAndReceivedDay() throws Exception {
        String all = new String(bytes("/console/imports"), StandardCharsets.UTF_8);
        assertThat(importIds(all)).hasSize(5);
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
        assertThat(importIds(new String(bytes("/console/imports?partner=mons-mic"), StandardCharsets.UTF_8)))
                .containsExactly(Long.toString(mons));
        assertThat(importIds(new String(bytes("/console/imports?file=BOOSTCAMP"), StandardCharsets.UTF_8)))
                .containsExactly(Long.toString(mons));
        assertThat(importIds(new String(bytes("/console/imports?file=%25"), StandardCharsets.UTF_8))).isEmpty();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).toString();
        assertThat(importIds(new String(bytes("/console/imports?from=" + today + "&to=" + today), StandardCharsets.UTF_8)))
                .hasSize(5);
        assertThat(importIds(new String(bytes("/console/imports?to=2000-01-01"), StandardCharsets.UTF_8))).isEmpty();
        assertThat(get(Who.VIEWER, "/console/imports?from=yesterday").status()).isEqualTo(400);
        // the same filters on the API
        assertThat(get(Who.VIEWER, "/api/imports?partner=mons-mic").json()).hasSize(1);
        assertThat(get(Who.VIEWER, "/api/imports?file=boostcamp&from=" + today + "&to=" + today).json().get(0)
                .get("id").asLong()).isEqualTo(mons);
        assertThat(get(Who.VIEWER, "/api/imports?to=2000-01-01").json()).isEmpty();
        assertThat(get(Who.VIEWER, "/api/imports?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theApiIsDescribedBehindTheViewerSignIn() {
        assertThat(get(Who.NOBODY, "/v3/api-docs").status()).isEqualTo(401);
        Answer docs = get(Who.VIEWER, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/imports/{id}/withdraw")).isTrue();
        assertThat(docs.json().get("paths").has("/api/imports/{id}/approve")).isTrue();
        assertThat(docs.json().get("paths").has("/api/kpis")).isTrue();
        assertThat(get(Who.VIEWER, "/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
