package be.micmons.warehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in Debian's headless Chromium on the shipped partner samples: the dashboard's figures,
 * targets and charts, the language switch, the evidence and rejected rows, and the admin-only buttons.
 */
class ConsoleBrowserTest extends WarehouseTest {
    @LocalServerPort
    int port;

    @BeforeEach
    void samples() throws IOException {
        Path samples = Path.of("samples/incubators");
        int n = 0;
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                dropCopy(f, "incubators/" + samples.relativize(f));
                n++;
            }
        }
        awaitImports(n);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(30));
    }

    /** Leaves a picture of the page in target/ for a person to look at. */
    private static void screenshot(Browser b, String name) throws IOException {
        Path shot = b.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement card(WebDriver d, String metric) {
        return d.findElement(By.cssSelector("#summary .card[data-metric='" + metric + "']"));
    }

    @Test
    void viewerSeesPhaseFiguresTargetsAndChartsInFrenchThenEnglish() throws IOException {
        try (Browser b = new Browser("viewer", VIEWER_PASSWORD, 1366, 2200)) {
            WebDriver d = b.driver();
            d.get(url("/?phase=2009-2011"));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord de la convention");
            assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");

            WebElement startups = card(d, "startups_created");
            assertThat(startups.getText()).contains("Start-ups créées");
            assertThat(startups.findElement(By.cssSelector(".value")).getText()).isEqualTo("25");
            assertThat(startups.findElement(By.cssSelector(".target-value")).getText()).isEqualTo("25");
            assertThat(startups.findElement(By.cssSelector(".pct")).getText().replace('\u00a0', ' ')).isEqualTo("100 %");
            assertThat(startups.getAttribute("class")).contains("met");
            // the phase targets of the convention: 250 jobs, 500 certifications
            assertThat(card(d, "jobs_created").findElement(By.cssSelector(".target-value")).getText()).isEqualTo("250");
            assertThat(card(d, "certifications_delivered").findElement(By.cssSelector(".target-value")).getText())
                    .isEqualTo("500");

            // yearly figures 8, 9, 8 against the phase target pro rata (25 / 3): 2009 and 2011 fall short
            WebElement yearly = d.findElement(By.id("metric-startups_created"));
            assertThat(yearly.findElements(By.cssSelector("tr[data-year] td:nth-child(2)")))
                    .extracting(WebElement::getText).containsExactly("8", "9", "8");
            assertThat(yearly.findElements(By.cssSelector("tr.short"))).extracting(e -> e.getAttribute("data-year"))
                    .containsExactly("2009", "2011");
            assertThat(yearly.findElement(By.cssSelector("tr[data-year='2011'] .shortfall")).getText()).contains("En dessous");

            // a chart per metric, drawn by ECharts as SVG
            for (String metric : List.of("startups_created", "jobs_created", "certifications_delivered")) {
                WebElement chart = waiting(d).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#chart-" + metric + "[data-rendered='true'] svg")));
                assertThat(chart.getSize().getHeight()).isGreaterThan(100);
                assertThat(chart.findElements(By.tagName("path"))).isNotEmpty();
            }
            assertThat(d.findElement(By.id("chart-startups_created")).getText()).contains("2009", "2010", "2011");

            // breakdowns by partner site and theme
            assertThat(d.findElement(By.id("breakdown-startups-partner")).getText()).contains("MIC Boostcamp (mons-mic)");
            assertThat(d.findElement(By.id("breakdown-startups-theme")).getText()).contains("e-health");

            screenshot(b, "console-dashboard.png");
            Pdf printed = b.driver.print(new PrintOptions());
            byte[] pdf = Base64.getDecoder().decode(printed.getContent());
            assertThat(pdf).hasSizeGreaterThan(10_000);
            Files.write(Path.of("target/console-dashboard.pdf"), pdf); // the printed page, with the print CSS

            // English, kept for the next pages
            d.findElement(By.id("lang-switch")).click();
            waiting(d).until(ExpectedConditions.textToBe(By.tagName("h1"), "Convention dashboard"));
            assertThat(card(d, "startups_created").getText()).contains("Start-ups created", "25");
            assertThat(d.getCurrentUrl()).contains("phase=2009-2011");
            d.get(url("/console/imports"));
            assertThat(d.findElement(By.cssSelector("#imports thead")).getText()).contains("Status", "Rejected");

            // and back to French
            d.findElement(By.id("lang-switch")).click();
            waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#imports thead"), "Statut"));
        }
    }

    @Test
    void viewerFollowsAFigureToItsEvidenceAndAnImportToItsRejectedRows() throws IOException {
        try (Browser b = new Browser("viewer", VIEWER_PASSWORD, 1366, 900)) {
            WebDriver d = b.driver();
            d.get(url("/?phase=2009-2011"));
            card(d, "startups_created").findElement(By.cssSelector("a.value")).click();
            waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("evidence-count")));
            assertThat(d.findElement(By.id("evidence-count")).getAttribute("data-count")).isEqualTo("25");
            List<WebElement> rows = d.findElements(By.cssSelector("#evidence tbody tr"));
            assertThat(rows).hasSize(25);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.findElement(By.cssSelector("td.file")).getText()).isNotBlank();
                assertThat(r.findElement(By.cssSelector("td.line")).getText()).matches("\\d+");
            });
            assertThat(d.findElement(By.id("evidence")).getText()).contains("boostcamp-2009-2014.csv", "Digital Wallonia Lab");

            // the Mons import: its rejected row and its warning, by line and field
            long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
            d.get(url("/console/imports"));
            WebElement row = d.findElement(By.cssSelector("#imports tr[data-import='" + mons + "']"));
            assertThat(row.getText()).contains("mons-mic", "LOADED_WITH_REJECTS", "FILE_DROP");
            row.findElement(By.cssSelector("td.file a")).click();
            waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("rejects")));
            assertThat(d.findElements(By.cssSelector("#rejects tbody tr")))
                    .extracting(r -> r.findElement(By.cssSelector(".line")).getText() + ":"
                            + r.findElement(By.cssSelector(".field")).getText() + ":"
                            + r.findElement(By.cssSelector(".reason")).getText())
                    .containsExactly("14:Company:MISSING_NAME", "15:VAT / BCE:INVALID_ENTERPRISE_NUMBER");
            screenshot(b, "console-import-rejects.png");
        }
    }

    @Test
    void onlyTheAdminSeesMergeKeepApartReimportAndNightlyButtons() throws IOException {
        try (Browser viewer = new Browser("viewer", VIEWER_PASSWORD, 1366, 900)) {
            WebDriver d = viewer.driver();
            d.get(url("/console/review"));
            WebElement pair = d.findElement(By.cssSelector("#review tr[data-status='PENDING']"));
            assertThat(pair.getText()).contains("SAMBRE SECURITY", "Sambre Securty SA");
            assertThat(d.findElements(By.cssSelector("button.admin-action"))).isEmpty();
            d.get(url("/console/imports"));
            assertThat(d.findElements(By.cssSelector("#imports tbody tr[data-import]"))).hasSize(5);
            assertThat(d.findElements(By.cssSelector("button.admin-action"))).isEmpty();
            assertThat(d.findElement(By.cssSelector(".who")).getText()).contains("viewer", "lecture seule");
            // last nightly runs: read from ops.nightly_run once the operations feature has created it
            boolean tracked = jdbc.queryForObject("select to_regclass('ops.nightly_run') is not null", Boolean.class);
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Derniers traitements de nuit",
                    tracked ? "" : "pas encore disponible");
        }
        try (Browser admin = new Browser("admin", ADMIN_PASSWORD, 1366, 900)) {
            WebDriver d = admin.driver();
            d.get(url("/console/review"));
            WebElement pair = d.findElement(By.cssSelector("#review tr[data-status='PENDING']"));
            long id = jdbc.queryForObject("select id from core.review_pair where status = 'PENDING'", Long.class);
            WebElement merge = pair.findElement(By.cssSelector("button.merge"));
            assertThat(merge.getText()).isEqualTo("Fusionner");
            assertThat(merge.getAttribute("data-url")).isEqualTo("/api/review/" + id);
            assertThat(merge.getAttribute("data-decision")).isEqualTo("merge");
            WebElement apart = pair.findElement(By.cssSelector("button.distinct"));
            assertThat(apart.getText()).isEqualTo("Garder séparées");
            assertThat(apart.getAttribute("data-decision")).isEqualTo("distinct");
            screenshot(admin, "console-review-admin.png");

            d.get(url("/console/imports"));
            assertThat(d.findElements(By.cssSelector("#imports button.reimport"))).hasSize(5)
                    .allSatisfy(btn -> assertThat(btn.getAttribute("data-url")).matches("/api/imports/\\d+/reimport"));
            assertThat(d.findElement(By.id("nightly-run")).getAttribute("data-url")).isEqualTo("/api/nightly");
            screenshot(admin, "console-imports-admin.png");
            assertThat(d.findElement(By.cssSelector(".who")).getText()).contains("admin", "administrateur");
        }
    }

    @Test
    void importsPageFollowsARunningImportByItself() throws IOException {
        long id = jdbc.queryForObject("""
                insert into ops.import (source, partner, file_name, trigger, status, rows_read)
                values ('exams', 'prometric', 'big-export.csv', 'ADMIN', 'RUNNING', 0) returning id""", Long.class);
        try (Browser b = new Browser("viewer", VIEWER_PASSWORD, 1366, 900)) {
            WebDriver d = b.driver();
            d.get(url("/console/imports"));
            By row = By.cssSelector("#imports tr[data-import='" + id + "']");
            // the live part is replaced every few seconds: read it inside waits that retry on stale elements
            waiting(d).ignoring(StaleElementReferenceException.class).until(dr ->
                    "RUNNING".equals(dr.findElement(row).getAttribute("data-status"))
                            && dr.findElement(By.cssSelector(".running")).getText().contains("1 import(s) en cours"));

            jdbc.update("update ops.import set status = 'LOADED', rows_read = 42, rows_loaded = 42, finished_at = now()"
                    + " where id = ?", id);
            waiting(d).ignoring(StaleElementReferenceException.class).until(dr ->
                    "LOADED".equals(dr.findElement(row).getAttribute("data-status"))
                            && dr.findElement(row).getText().contains("42")
                            && dr.findElements(By.cssSelector(".running")).isEmpty());
            assertThat(d.findElement(row).getText()).contains("big-export.csv", "prometric");
        }
    }
}
