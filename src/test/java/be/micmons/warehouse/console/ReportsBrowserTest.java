package be.micmons.warehouse.console;

import static be.micmons.warehouse.console.Browser.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reports as submitted and expected deliveries in a real browser: an admin freezes the report with
 * the console's form and lands on it; the deliveries grid shows the samples received. Screenshots
 * are left in target/ (console-reports.png, console-report.png, console-deliveries.png).
 */
class ReportsBrowserTest extends WarehouseTest {
    @LocalServerPort
    int port;

    @Test
    void anAdminFreezesTheReportFromTheConsoleAndSeesItFrozen() throws Exception {
        int n = loadSamples("incubators");
        try (Browser admin = new Browser("admin", ADMIN_PASSWORD, 1280, 900).signIn(port)) {
            var d = admin.driver;
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
            d.get("http://127.0.0.1:" + port + "/console/reports?lang=fr");
            assertThat(d.findElement(By.id("freeze")).getText()).isEqualTo("Figer le rapport");
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("freeze-phase"))).selectByValue("2012-2014");
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("freeze-year"))).selectByValue("2012");
            d.findElement(By.id("freeze-note")).sendKeys("envoyé à la Région le 15 janvier 2013");
            screenshot(admin.driver, "console-reports.png");
            d.findElement(By.id("freeze")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.urlMatches("/console/reports/\\d+$"));
            long id = Long.parseLong(d.getCurrentUrl().replaceAll(".*/", ""));
            String sha = jdbc.queryForObject("select sha256 from ops.report where id = ?", String.class, id);
            assertThat(jdbc.queryForObject("select created_by || '|' || phase || '|' || year || '|' || note from ops.report where id = ?",
                    String.class, id)).isEqualTo("admin|2012-2014|2012|envoyé à la Région le 15 janvier 2013");
            assertThat(d.findElement(By.id("report-sha")).getText()).contains(sha);
            assertThat(d.findElement(By.id("no-changes")).getText()).startsWith("Aucune correction");
            assertThat(d.findElements(By.cssSelector("#figures tbody tr"))).hasSize(6);
            screenshot(admin.driver, "console-report.png");

            d.get("http://127.0.0.1:" + port + "/console/reports");
            assertThat(d.findElement(By.cssSelector("#reports tbody tr")).getAttribute("data-report")).isEqualTo(Long.toString(id));

            d.get("http://127.0.0.1:" + port + "/console/deliveries");
            assertThat(d.findElements(By.cssSelector("#deliveries .dl-RECEIVED a"))).hasSizeGreaterThanOrEqualTo(n);
            screenshot(admin.driver, "console-deliveries.png");
        }
    }
}
