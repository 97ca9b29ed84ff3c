package be.micmons.warehouse.console;

import static be.micmons.warehouse.console.Browser.flash;
import static be.micmons.warehouse.console.Browser.screenshot;
import static be.micmons.warehouse.console.Browser.waiting;
import static be.micmons.warehouse.console.Browser.yearValues;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in Debian's headless Chromium on the shipped samples: the dashboard's figures, targets,
 * charts and breakdowns for the three sources, the language switch, the evidence and rejected rows, the
 * admin-only buttons and what they do (merge, keep apart, re-import, pulls, nightly run). One viewer and
 * one admin browser serve the whole class; each test starts them in French on an empty page.
 */
class ConsoleBrowserTest extends WarehouseTest {
    private static final Browser.Pool BROWSERS = new Browser.Pool();

    @LocalServerPort
    int port;

    @BeforeEach
    void incubatorSamples() throws IOException {
        loadSamples("incubators");
    }

    @AfterAll
    static void closeBrowsers() throws IOException {
        BROWSERS.close();
    }

    /** The class's viewer browser, in French, its window at the given size. */
    private WebDriver viewer(int width, int height) throws IOException {
        return BROWSERS.signedIn("viewer", VIEWER_PASSWORD, port, width, height);
    }

    private WebDriver admin(int width, int height) throws IOException {
        return BROWSERS.signedIn("admin", ADMIN_PASSWORD, port, width, height);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void elementShot(WebElement e, String name) throws IOException {
        Files.copy(e.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement card(WebDriver d, String metric) {
        return d.findElement(By.cssSelector("#summary .card[data-metric='" + metric + "']"));
    }

    private static String cardValue(WebDriver d, String metric) {
        return card(d, metric).findElement(By.cssSelector(".value")).getText();
    }

    private static List<String> yearTargets(WebDriver d, String metric) {
        return d.findElement(By.id("metric-" + metric)).findElements(By.cssSelector("tr[data-year] td:nth-child(3)"))
                .stream().map(e -> e.getText().replace("*", "")).toList();
    }

    private void renderedCharts(WebDriver d, List<String> metrics) {
        for (String metric : metrics) {
            WebElement chart = waiting(d).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#chart-" + metric + "[data-rendered='true'] svg")));
            assertThat(chart.getSize().getHeight()).as(metric).isGreaterThan(100);
            assertThat(chart.findElements(By.tagName("path"))).as(metric).isNotEmpty();
        }
    }

    @Test
    void viewerSeesTheThreeSourcesAgainstTheirTargetsInFrenchThenEnglish() throws IOException {
        awaitImports(5 + dropSamples("exams") + dropSamples("hr"));
        WebDriver d = viewer(1366, 3000);
        d.get(url("/?phase=2009-2011"));
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord de la convention");
        assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");

        WebElement startups = card(d, "startups_created");
        assertThat(startups.getText()).contains("Start-ups créées");
        assertThat(cardValue(d, "startups_created")).isEqualTo("25");
        assertThat(startups.findElement(By.cssSelector(".target-value")).getText()).isEqualTo("25");
        assertThat(startups.findElement(By.cssSelector(".pct")).getText().replace('\u00a0', ' ')).isEqualTo("100 %");
        assertThat(startups.getAttribute("class")).contains("met");

        // jobs (samples/hr: 4 + 2 + 3) against the phase's 250, their FTE (3.3 + 2 + 2.6) in French numbers, no target
        WebElement jobs = card(d, "jobs_created");
        assertThat(cardValue(d, "jobs_created")).isEqualTo("9");
        assertThat(jobs.findElement(By.cssSelector(".target-value")).getText()).isEqualTo("250");
        assertThat(jobs.findElement(By.cssSelector(".pct")).getText().replace('\u00a0', ' ')).isEqualTo("3 %");
        assertThat(jobs.getAttribute("class")).contains("short");
        assertThat(cardValue(d, "jobs_created_fte")).isEqualTo("7,9");
        assertThat(card(d, "jobs_created_fte").getText()).contains("Emplois créés (ETP)", "pas d'objectif");
        assertThat(yearValues(d, "jobs_created")).containsExactly("4", "2", "3");
        assertThat(yearValues(d, "jobs_created_fte")).containsExactly("3,3", "2", "2,6");

        // exams (samples/exams: 27 + 26 + 25 certifications) against the phase's 500
        WebElement certifications = card(d, "certifications_delivered");
        assertThat(cardValue(d, "certifications_delivered")).isEqualTo("78");
        assertThat(certifications.findElement(By.cssSelector(".target-value")).getText()).isEqualTo("500");
        assertThat(certifications.findElement(By.cssSelector(".pct")).getText().replace('\u00a0', ' ')).isEqualTo("15 %");
        assertThat(yearValues(d, "certifications_delivered")).containsExactly("27", "26", "25");
        assertThat(yearValues(d, "exams_passed")).containsExactly("27", "26", "25");
        assertThat(yearValues(d, "certified_persons")).containsExactly("24", "14", "13");
        assertThat(cardValue(d, "certified_persons")).isEqualTo("51");

        // yearly start-ups 8, 9, 8 against the phase target pro rata (25 / 3): 2009 and 2011 fall short
        WebElement yearly = d.findElement(By.id("metric-startups_created"));
        assertThat(yearValues(d, "startups_created")).containsExactly("8", "9", "8");
        assertThat(yearly.findElements(By.cssSelector("tr.short"))).extracting(e -> e.getAttribute("data-year"))
                .containsExactly("2009", "2011");
        assertThat(yearly.findElement(By.cssSelector("tr[data-year='2011'] .shortfall")).getText()).contains("En dessous");
        // the phase target is met, and the card says two of its years are not
        WebElement yearsShort = startups.findElement(By.cssSelector(".years-short"));
        assertThat(yearsShort.getAttribute("data-years")).isEqualTo("2009,2011");
        assertThat(yearsShort.getText()).isEqualTo("⚠ 2 année(s) sur 3 sous l'objectif annuel : 2009, 2011");
        assertThat(yearTargets(d, "jobs_created")).containsExactly("83,33", "83,33", "83,33");
        assertThat(yearTargets(d, "certifications_delivered")).containsExactly("166,67", "166,67", "166,67");

        // a chart per metric, drawn by ECharts as SVG; the FTE chart labels in French numbers
        renderedCharts(d, List.of("startups_created", "jobs_created", "jobs_created_fte", "certifications_delivered",
                "exams_passed", "certified_persons"));
        assertThat(d.findElement(By.id("chart-startups_created")).getText()).contains("2009", "2010", "2011");
        assertThat(d.findElement(By.id("chart-jobs_created_fte")).getText()).contains("3,3", "2,6");

        // breakdowns: start-ups by site and theme, jobs by the employer's site and contract, exams by provider
        assertThat(d.findElement(By.id("breakdown-startups-partner")).getText()).contains("MIC Boostcamp (mons-mic)");
        assertThat(d.findElement(By.id("breakdown-startups-theme")).getText()).contains("e-santé");
        assertThat(d.findElement(By.id("breakdown-jobs-site")).getText()).contains("(mons-mic)");
        assertThat(d.findElement(By.id("breakdown-jobs_fte-site")).getText()).contains(",");
        assertThat(d.findElement(By.id("breakdown-jobs-contract")).getText()).contains("CDI");
        WebElement byProvider = d.findElement(By.id("breakdown-provider-certifications_delivered"));
        assertThat(byProvider.getText()).contains("Prometric", "Pearson VUE", "Certiport");
        assertThat(byProvider.findElements(By.cssSelector("td.total")).stream()
                .mapToLong(e -> Long.parseLong(e.getText())).sum()).isEqualTo(78);
        assertThat(d.findElement(By.id("breakdown-provider-certified_persons")).findElements(By.cssSelector("td.total"))
                .stream().mapToLong(e -> Long.parseLong(e.getText())).sum()).isEqualTo(51);

        screenshot(d, "console-dashboard.png");
        Pdf printed = ((org.openqa.selenium.PrintsPage) d).print(new PrintOptions());
        byte[] pdf = Base64.getDecoder().decode(printed.getContent());
        assertThat(pdf).hasSizeGreaterThan(10_000);
        Files.write(Path.of("target/console-dashboard.pdf"), pdf); // the printed page, with the print CSS
        elementShot(d.findElement(By.id("metric-startups_created")), "console-chart-startups.png");
        elementShot(d.findElement(By.id("metric-jobs_created_fte")), "console-chart-jobs-fte.png");
        // the page as printed (print CSS), for a person to look at
        Browser.chrome(d).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        d.manage().window().setSize(new Dimension(1000, 3000));
        screenshot(d, "console-dashboard-print.png");
        Browser.chrome(d).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        d.manage().window().setSize(new Dimension(1366, 768)); // what a laptop shows first
        screenshot(d, "console-dashboard-laptop.png");
        d.manage().window().setSize(new Dimension(800, 600)); // headless Chromium's default window
        screenshot(d, "console-dashboard-small.png");

        // the second phase: yearly targets of 100 jobs and 10 start-ups, no certification target
        d.findElement(By.linkText("2012-2014")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "2012-2014"));
        assertThat(yearTargets(d, "jobs_created")).containsExactly("100", "100", "100");
        assertThat(yearTargets(d, "startups_created")).containsExactly("10", "10", "10");
        assertThat(yearValues(d, "startups_created")).containsExactly("3", "2", "2");
        assertThat(yearValues(d, "jobs_created")).containsExactly("2", "0", "0");
        assertThat(card(d, "certifications_delivered").getText()).contains("pas d'objectif");
        renderedCharts(d, List.of("jobs_created", "startups_created"));
        screenshot(d, "console-dashboard-2012-2014.png");

        // English, kept for the next pages
        d.get(url("/?phase=2009-2011"));
        d.findElement(By.id("lang-switch")).click();
        waiting(d).until(ExpectedConditions.textToBe(By.tagName("h1"), "Convention dashboard"));
        assertThat(card(d, "startups_created").getText()).contains("Start-ups created", "25");
        assertThat(cardValue(d, "jobs_created_fte")).isEqualTo("7.9");
        assertThat(d.findElement(By.id("breakdown-provider-exams_passed")).getText()).contains("Exams passed by exam provider");
        assertThat(d.getCurrentUrl()).contains("phase=2009-2011");
        d.get(url("/console/imports"));
        assertThat(d.findElement(By.cssSelector("#imports thead")).getText()).contains("Status", "Rejected");

        // and back to French
        d.findElement(By.id("lang-switch")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#imports thead"), "Statut"));
    }

    @Test
    void viewerFollowsFiguresOfEachSourceToTheirFileAndLine() throws IOException {
        awaitImports(5 + dropSamples("exams") + dropSamples("hr"));
        WebDriver d = viewer(1366, 900);
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

        // a year's certifications: 27 items, each from a provider export and a line of it
        d.navigate().back();
        d.findElement(By.cssSelector("#metric-certifications_delivered tr[data-year='2009'] a")).click();
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("evidence-count")));
        assertThat(d.findElement(By.id("evidence-count")).getAttribute("data-count")).isEqualTo("27");
        rows = d.findElements(By.cssSelector("#evidence tbody tr"));
        assertThat(rows).hasSize(27).allSatisfy(r -> {
            assertThat(r.findElement(By.cssSelector("td.file")).getText()).matches("(prometric|pearson-vue|certiport)-.*\\.csv");
            assertThat(r.findElement(By.cssSelector("td.line")).getText()).matches("\\d+");
        });
        assertThat(d.findElement(By.tagName("h1")).getText()).contains("Certifications délivrées", "2009");

        // the jobs of 2009: 4 items from the HR declarations file, by line, no NISS shown
        d.get(url("/console/evidence?metric=jobs_created&year=2009"));
        assertThat(d.findElement(By.id("evidence-count")).getAttribute("data-count")).isEqualTo("4");
        rows = d.findElements(By.cssSelector("#evidence tbody tr"));
        assertThat(rows).hasSize(4).allSatisfy(r -> {
            assertThat(r.findElement(By.cssSelector("td.file")).getText()).isEqualTo("declarations-2009-2012.csv");
            assertThat(r.findElement(By.cssSelector("td.line")).getText()).matches("\\d+");
            assertThat(r.findElement(By.cssSelector("td.item")).getText()).doesNotContainPattern("\\d{2}\\.\\d{2}\\.\\d{2}-\\d{3}\\.\\d{2}");
        });
        screenshot(d, "console-evidence-jobs.png");

        // the Mons import: its rejected row and its warning, by line and field
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
        d.get(url("/console/imports"));
        WebElement row = d.findElement(By.cssSelector("#imports tr[data-import='" + mons + "']"));
        assertThat(row.getText()).contains("mons-mic", "chargé avec rejets", "dépôt de fichier");
        assertThat(row.findElement(By.cssSelector(".status-badge")).getAttribute("title")).isEqualTo("LOADED_WITH_REJECTS");
        row.findElement(By.cssSelector("td.file a")).click();
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("rejects")));
        assertThat(d.findElements(By.cssSelector("#rejects tbody tr")))
                .extracting(r -> r.findElement(By.cssSelector(".line")).getText() + ":"
                        + r.findElement(By.cssSelector(".field")).getText() + ":"
                        + r.findElement(By.cssSelector(".reason")).getAttribute("title"))
                .containsExactly("14:Company:MISSING_NAME", "15:VAT / BCE:INVALID_ENTERPRISE_NUMBER");
        // in words, in French (the code is the tooltip)
        assertThat(d.findElements(By.cssSelector("#rejects tbody td.reason"))).extracting(WebElement::getText)
                .containsExactly("Nom manquant", "N° d'entreprise invalide");
        screenshot(d, "console-import-rejects.png");
    }

    @Test
    void onlyTheAdminSeesMergeKeepApartReimportPullAndNightlyButtons() throws IOException {
        WebDriver d = viewer(1366, 900);
        d.get(url("/console/review"));
        WebElement pair = d.findElement(By.cssSelector("#review tr[data-status='PENDING']"));
        assertThat(pair.getText()).contains("SAMBRE SECURITY", "Sambre Securty SA");
        assertThat(d.findElements(By.cssSelector("button.admin-action"))).isEmpty();
        d.get(url("/console/imports"));
        assertThat(d.findElements(By.cssSelector("#imports tbody tr[data-import]"))).hasSize(5);
        assertThat(d.findElements(By.cssSelector("button.admin-action"))).isEmpty();
        assertThat(d.findElement(By.cssSelector(".who")).getText()).contains("viewer", "lecture seule");
        assertThat(d.findElement(By.tagName("main")).getText()).contains("Derniers traitements de nuit",
                "Aucun traitement de nuit enregistré");

        d = admin(1366, 900);
        d.get(url("/console/review"));
        pair = d.findElement(By.cssSelector("#review tr[data-status='PENDING']"));
        long id = jdbc.queryForObject("select id from core.review_pair where status = 'PENDING'", Long.class);
        WebElement merge = pair.findElement(By.cssSelector("button.merge"));
        assertThat(merge.getText()).isEqualTo("Fusionner");
        assertThat(merge.getAttribute("data-url")).isEqualTo("/api/review/" + id);
        assertThat(merge.getAttribute("data-decision")).isEqualTo("merge");
        WebElement apart = pair.findElement(By.cssSelector("button.distinct"));
        assertThat(apart.getText()).isEqualTo("Garder séparées");
        assertThat(apart.getAttribute("data-decision")).isEqualTo("distinct");
        screenshot(d, "console-review-admin.png");

        d.get(url("/console/imports"));
        assertThat(d.findElements(By.cssSelector("#imports button.reimport"))).hasSize(5)
                .allSatisfy(btn -> assertThat(btn.getAttribute("data-url")).matches("/api/imports/\\d+/reimport"));
        assertThat(d.findElement(By.id("nightly-run")).getAttribute("data-url")).isEqualTo("/api/nightly");
        // no pull is configured in the tests: no button, the page says how to configure each
        assertThat(d.findElements(By.cssSelector("button.admin-action[data-url^='/api/pulls/']"))).isEmpty();
        assertThat(d.findElement(By.id("pulls-off")).getText()).contains("exam-db", "hr", "partners",
                "mic.exam-db.url", "mic.hr-api.url");
        screenshot(d, "console-imports-admin.png");
        assertThat(d.findElement(By.cssSelector(".who")).getText()).contains("admin", "administrateur");
    }

    @Test
    void adminMergesTheLookAlikeStartupsAndTheFiguresDrop() throws IOException {
        WebDriver d = admin(1366, 1400);
        d.get(url("/?phase=2009-2011"));
        assertThat(cardValue(d, "startups_created")).isEqualTo("25");
        assertThat(yearValues(d, "startups_created")).containsExactly("8", "9", "8");

        d.get(url("/console/review"));
        long id = jdbc.queryForObject("select id from core.review_pair where status = 'PENDING'", Long.class);
        By row = By.cssSelector("#review tr[data-pair='" + id + "']");
        assertThat(d.findElement(row).getText()).contains("SAMBRE SECURITY", "Sambre Securty SA", "à décider",
                "créée le 15 sept. 2010");
        d.findElement(row).findElement(By.cssSelector("button.merge")).click();
        var confirm = waiting(d).until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Fusionner ces deux start-ups");
        confirm.accept();
        // the page reloads itself with the decision
        waiting(d).until(dr -> "MERGED".equals(dr.findElement(row).getAttribute("data-status")));
        assertThat(d.findElement(row).getText()).contains("fusionnées");
        assertThat(d.findElement(row).findElements(By.cssSelector("button"))).isEmpty();
        assertThat(flash(d)).isEqualTo("Fusion enregistrée : les deux start-ups ne comptent plus qu'une fois.");
        screenshot(d, "console-review-merged.png");

        // the 2010 start-up counts once now
        d.get(url("/?phase=2009-2011"));
        assertThat(cardValue(d, "startups_created")).isEqualTo("24");
        assertThat(yearValues(d, "startups_created")).containsExactly("8", "8", "8");
        assertThat(kpi("startups_created", 2010)).isEqualTo(8);
    }

    @Test
    void adminKeepsTheLookAlikeStartupsApartAndTheFiguresStay() throws IOException {
        WebDriver d = admin(1366, 900);
        d.get(url("/console/review"));
        long id = jdbc.queryForObject("select id from core.review_pair where status = 'PENDING'", Long.class);
        By row = By.cssSelector("#review tr[data-pair='" + id + "']");
        d.findElement(row).findElement(By.cssSelector("button.distinct")).click(); // no confirmation: nothing changes
        waiting(d).until(dr -> "DISTINCT".equals(dr.findElement(row).getAttribute("data-status")));
        assertThat(d.findElement(row).getText()).contains("distinctes");
        assertThat(flash(d)).isEqualTo("Décision enregistrée : les deux start-ups restent distinctes.");

        d.get(url("/?phase=2009-2011"));
        assertThat(cardValue(d, "startups_created")).isEqualTo("25");
        assertThat(yearValues(d, "startups_created")).containsExactly("8", "9", "8");
    }

    @Test
    void adminReimportsAFileAndTheOldImportIsSupersededWithTheFiguresUnchanged() throws IOException {
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
        WebDriver d = admin(1366, 1200);
        d.get(url("/console/imports"));
        By old = By.cssSelector("#imports tr[data-import='" + mons + "']");
        d.findElement(old).findElement(By.cssSelector("button.reimport")).click();
        var confirm = waiting(d).until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Réimporter ce fichier");
        confirm.accept();

        // 202: the message names the new import, the page follows it until it is loaded
        waiting(d).until(dr -> flash(dr).startsWith("Réimport lancé"));
        long fresh = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic' and id <> ?", Long.class, mons);
        assertThat(flash(d)).isEqualTo("Réimport lancé : import n° " + fresh + " (remplace l'import n° " + mons
                + "). Suivez-le dans la liste.");
        By neu = By.cssSelector("#imports tr[data-import='" + fresh + "']");
        waiting(d).until(dr -> "LOADED_WITH_REJECTS".equals(dr.findElement(neu).getAttribute("data-status"))
                && "SUPERSEDED".equals(dr.findElement(old).getAttribute("data-status")));
        assertThat(d.findElement(neu).getText()).contains("boostcamp-2009-2014.csv", "administrateur");
        // a superseded import is not offered again (the API would refuse it)
        assertThat(d.findElement(old).findElements(By.cssSelector("button.reimport"))).isEmpty();
        assertThat(d.findElement(neu).findElements(By.cssSelector("button.reimport"))).hasSize(1);
        screenshot(d, "console-reimport.png");

        // the old import's page names the one that replaced it
        d.get(url("/console/imports/" + mons));
        assertThat(d.findElement(By.id("superseded-by")).getText()).isEqualTo("Import n° " + fresh);
        assertThat(d.findElements(By.cssSelector("button.reimport"))).isEmpty();

        d.get(url("/?phase=2009-2011"));
        assertThat(cardValue(d, "startups_created")).isEqualTo("25");
        assertThat(yearValues(d, "startups_created")).containsExactly("8", "9", "8");

        // a pull that is not configured is offered no button (the API would answer 409), in either language
        d.get(url("/console/imports"));
        assertThat(d.findElements(By.cssSelector("button.admin-action[data-url^='/api/pulls/']"))).isEmpty();
        assertThat(d.findElement(By.id("pulls-off")).getText()).startsWith("Collectes non configurées");
        d.get(url("/console/imports?lang=en"));
        assertThat(d.findElement(By.id("pulls-off")).getText()).startsWith("Pulls not configured");
    }

    @Test
    void adminStartsTheNightlyRunAndSeesItInTheLastRuns() throws IOException {
        WebDriver d = admin(1366, 1200);
        d.get(url("/console/imports"));
        assertThat(d.findElement(By.tagName("main")).getText()).contains("Aucun traitement de nuit enregistré");
        d.findElement(By.id("nightly-run")).click();
        waiting(d).until(dr -> flash(dr).matches("Traitement de nuit n° \\d+ lancé\\."));
        long run = jdbc.queryForObject("select id from ops.nightly_run", Long.class);
        assertThat(flash(d)).isEqualTo("Traitement de nuit n° " + run + " lancé.");

        // the row shows up, and the page follows it to its end by itself
        By row = By.cssSelector("#nightly tr[data-run='" + run + "']");
        waiting(d).until(dr -> List.of("SUCCEEDED", "FAILED").contains(dr.findElement(row).getAttribute("data-status")));
        String status = jdbc.queryForObject("select status from ops.nightly_run where id = ?", String.class, run);
        // nothing is configured: the run says so, and is not shown as a success
        assertThat(d.findElement(row).getText()).contains("SUCCEEDED".equals(status) ? "rien à faire" : "échoué",
                "administrateur", "exam-db", "hr", "non configurée");
        screenshot(d, "console-nightly.png");

        // the pulls it ran, with the imports they made
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic'", Long.class);
        long pull = jdbc.queryForObject("""
                insert into ops.pull_run (pull, trigger, nightly_run_id, status, import_ids, finished_at, node)
                values ('partners', 'NIGHTLY', ?, 'SUCCEEDED', array[?]::bigint[], clock_timestamp(), 'test')
                returning id""", Long.class, run, mons);
        d.get(url("/console/imports"));
        WebElement pullRow = d.findElement(By.cssSelector("#pull-runs tr[data-run='" + pull + "']"));
        assertThat(pullRow.getText()).contains("partners", "traitement de nuit", "réussi");
        assertThat(pullRow.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/console/imports/" + mons);

        // 409 while a run is running (another instance's, here)
        long other = jdbc.queryForObject("""
                insert into ops.nightly_run (scheduled_for, status, node, trigger)
                values (now() - interval '1 minute', 'RUNNING', 'other-node', 'NIGHTLY') returning id""", Long.class);
        d.get(url("/console/imports"));
        waiting(d).until(dr -> "RUNNING".equals(dr.findElement(By.cssSelector("#nightly tr[data-run='" + other + "']"))
                .getAttribute("data-status")));
        d.findElement(By.id("nightly-run")).click();
        waiting(d).until(dr -> flash(dr).startsWith("Refusé pour l'instant : a nightly run is running"));
        jdbc.update("update ops.nightly_run set status = 'FAILED', finished_at = now(), message = 'node lost' where id = ?",
                other);
    }

    @Test
    void importsPageFollowsARunningImportByItself() throws IOException {
        long id = jdbc.queryForObject("""
                insert into ops.import (source, partner, file_name, trigger, status, rows_read)
                values ('exams', 'prometric', 'big-export.csv', 'ADMIN', 'RUNNING', 0) returning id""", Long.class);
        WebDriver d = viewer(1366, 900);
        d.get(url("/console/imports"));
        By row = By.cssSelector("#imports tr[data-import='" + id + "']");
        // the live part is replaced every few seconds: read it inside waits that retry on stale elements
        waiting(d).until(dr -> "RUNNING".equals(dr.findElement(row).getAttribute("data-status"))
                && dr.findElement(By.cssSelector(".running")).getText().contains("1 import(s) en cours"));

        jdbc.update("update ops.import set status = 'LOADED', rows_read = 42, rows_loaded = 42, finished_at = now()"
                + " where id = ?", id);
        waiting(d).until(dr -> "LOADED".equals(dr.findElement(row).getAttribute("data-status"))
                && dr.findElement(row).getText().contains("42")
                && dr.findElements(By.cssSelector(".running")).isEmpty());
        assertThat(d.findElement(row).getText()).contains("big-export.csv", "prometric");
    }
}
