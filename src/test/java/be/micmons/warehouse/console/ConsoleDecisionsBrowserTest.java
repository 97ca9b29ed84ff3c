package be.micmons.warehouse.console;

import static be.micmons.warehouse.console.Browser.flash;
import static be.micmons.warehouse.console.Browser.screenshot;
import static be.micmons.warehouse.console.Browser.text;
import static be.micmons.warehouse.console.Browser.waiting;
import static be.micmons.warehouse.console.Browser.yearValues;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin's decisions in Debian's headless Chromium (DESIGN §9): a file far larger than anything
 * its source sent before waits on the dashboard, "Approuver" makes it count, "Retirer" (with a
 * confirmation and a reason) takes it back out of the figures; the viewer sees neither button.
 */
class ConsoleDecisionsBrowserTest extends WarehouseTest {
    private static final Browser.Pool BROWSERS = new Browser.Pool();

    @LocalServerPort
    int port;

    @AfterAll
    static void closeBrowsers() throws IOException {
        BROWSERS.close();
    }

    private WebDriver admin() throws IOException {
        return BROWSERS.signedIn("admin", ADMIN_PASSWORD, port, 1366, 1400);
    }

    private WebDriver viewer() throws IOException {
        return BROWSERS.signedIn("viewer", VIEWER_PASSWORD, port, 1366, 1400);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aHeldFileWaitsOnTheDashboardTheAdminApprovesItThenWithdrawsIt() throws IOException {
        dropPrometricExport("prometric-2012.csv", 100, 2012);
        awaitImports(1);
        dropPrometricExport("prometric-2013-test-export.csv", 2000, 2013);
        awaitImports(2);
        long held = jdbc.queryForObject("select id from ops.import where status = 'HELD'", Long.class);
        assertThat(kpi("certifications_delivered", 2013)).isZero();

        // the viewer sees it waiting, with no decision to make
        WebDriver v = viewer();
        v.get(url("/?phase=2012-2014"));
        WebElement waiting = v.findElement(By.id("held"));
        assertThat(text(waiting)).contains("1 import(s) en attente de décision", "prometric-2013-test-export.csv",
                "20 fois plus grand que tout ce que cette source a envoyé jusqu'ici", "2 000 lignes", "au plus 100");
        assertThat(v.findElements(By.cssSelector("button.admin-action"))).isEmpty();
        assertThat(v.findElement(By.id("data-date")).getText()).startsWith("Données au ");
        v.get(url("/console/imports"));
        WebElement row = v.findElement(By.cssSelector("#imports tr[data-import='" + held + "']"));
        assertThat(row.getText()).contains("en attente de décision", "20 fois plus grand");
        assertThat(v.findElements(By.cssSelector("button.withdraw, button.approve"))).isEmpty();

        // the admin approves it from the dashboard: it counts
        WebDriver d = admin();
        d.get(url("/?phase=2012-2014"));
        assertThat(yearValues(d, "certifications_delivered")).containsExactly("100", "0", "0");
        // the chart in words for who cannot see it
        assertThat(d.findElement(By.id("chart-certifications_delivered")).getAttribute("aria-label"))
                .isEqualTo("Graphique, Certifications délivrées par année : 2012 : 100 ; 2013 : 0 ; 2014 : 0");
        assertThat(d.findElement(By.id("chart-certifications_delivered")).getAttribute("role")).isEqualTo("img");
        screenshot(d, "console-held.png");
        d.findElement(By.cssSelector("#held li[data-import='" + held + "'] button.approve")).click();
        Alert confirm = waiting(d).until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Approuver cet import");
        confirm.accept();
        // the page reloads itself with the message
        waiting(d).until(dr -> dr.findElements(By.id("held")).isEmpty()
                && flash(dr).equals("Import approuvé : ses lignes comptent désormais."));
        assertThat(yearValues(d, "certifications_delivered")).containsExactly("100", "1 900", "0");
        assertThat(kpi("certifications_delivered", 2013)).isEqualTo(1900);

        // "Retirer": a cancelled prompt does nothing; with a reason the file leaves the figures
        d.get(url("/console/imports"));
        By heldRow = By.cssSelector("#imports tr[data-import='" + held + "']");
        assertThat(d.findElement(heldRow).getAttribute("data-status")).isEqualTo("LOADED");
        d.findElement(heldRow).findElement(By.cssSelector("button.withdraw")).click();
        waiting(d).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(jdbc.queryForObject("select status from ops.import where id = ?", String.class, held))
                .isEqualTo("LOADED");
        d.findElement(heldRow).findElement(By.cssSelector("button.withdraw")).click();
        Alert prompt = waiting(d).until(ExpectedConditions.alertIsPresent());
        assertThat(prompt.getText()).contains("Retirer cet import des chiffres", "Indiquez la raison");
        prompt.sendKeys("export de test déposé par erreur");
        prompt.accept();
        waiting(d).until(dr -> "WITHDRAWN".equals(dr.findElement(heldRow).getAttribute("data-status")));
        assertThat(flash(d)).isEqualTo("Import retiré : ses lignes ne comptent plus.");
        assertThat(d.findElement(heldRow).getText()).contains("retiré", "export de test déposé par erreur");
        assertThat(d.findElement(heldRow).findElements(By.cssSelector("button.withdraw, button.approve"))).isEmpty();
        assertThat(d.findElement(heldRow).findElements(By.cssSelector("button.reimport"))).hasSize(1);
        screenshot(d, "console-withdrawn.png");
        assertThat(kpi("certifications_delivered", 2013)).isZero();

        d.get(url("/?phase=2012-2014"));
        assertThat(yearValues(d, "certifications_delivered")).containsExactly("100", "0", "0");
    }

    @Test
    void everyFigureSaysHowManyLoadedItemsItLeavesOutAndListsThem() throws IOException {
        loadSamples("incubators", "hr", "exams");
        long noDate = jdbc.queryForObject("select count(*) from core.startup where creation_date is null", Long.class);
        assertThat(noDate).as("the samples hold start-ups without a creation date").isPositive();

        WebDriver d = viewer();
        d.get(url("/?phase=2009-2011"));
        WebElement startups = d.findElement(By.cssSelector("#summary .card[data-metric='startups_created']"));
        WebElement link = startups.findElement(By.cssSelector(".uncounted a[data-reason='NO_CREATION_DATE']"));
        assertThat(link.getAttribute("data-count")).isEqualTo(Long.toString(noDate));
        assertThat(text(link)).isEqualTo(noDate + " sans date de création");
        assertThat(link.getAttribute("title")).isEqualTo("NO_CREATION_DATE");
        assertThat(text(startups.findElement(By.cssSelector(".uncounted")))).startsWith("Chargés mais non comptés :");

        // every listed reason of every card: its count is the number of items its page lists, each with its file and line
        List<String[]> links = d.findElements(By.cssSelector(".card .uncounted a[data-reason]")).stream()
                .map(a -> new String[] {a.getAttribute("href"), a.getAttribute("data-count"), a.getAttribute("data-reason")})
                .toList();
        assertThat(links).extracting(l -> l[2]).contains("NO_CREATION_DATE", "NOT_PASSED");
        for (String[] l : links) {
            d.get(l[0]); // returns once the document is complete (Browser#completing)
            List<WebElement> rows = d.findElements(By.cssSelector("#uncounted tbody tr"));
            assertThat(rows).as(l[2]).hasSize(Integer.parseInt(l[1]));
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.findElement(By.cssSelector("td.file")).getText()).isNotBlank();
                assertThat(r.findElement(By.cssSelector("td.line")).getText()).matches("\\d+");
            });
            assertThat(d.findElement(By.tagName("h1")).getText()).contains("phase 2009-2011");
        }
        d.get(url("/console/uncounted?reason=NO_CREATION_DATE&phase=2009-2011"));
        assertThat(d.findElement(By.tagName("h1")).getText()).startsWith("Start-ups sans date de création");
        screenshot(d, "console-uncounted.png");
    }
}
