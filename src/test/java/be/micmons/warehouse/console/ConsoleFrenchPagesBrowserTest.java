package be.micmons.warehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import be.micmons.warehouse.support.WarehouseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every console page in Debian's headless Chromium, on the three sources' samples plus a refused
 * file, a duplicate and a nightly run (DESIGN §18): French words only in {@code lang=fr} (no
 * English reason, message or raw code), no sideways scroll on a 390-px phone, and no serious
 * accessibility violation by axe-core (contrast included).
 */
class ConsoleFrenchPagesBrowserTest extends WarehouseTest {
    static final Path AXE = Path.of(".ci/axe/node_modules/axe-core/axe.min.js");
    /** A raw code of the ledger or the loaders (LOADED_WITH_REJECTS, FILE_DROP, INVALID_NISS …). */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}(?:_[A-Z]+)+\\b");
    /** English that a French reader must not meet (as words, whatever the case). */
    private static final Pattern ENGLISH = Pattern.compile("(?i)\\b(the|was not|is not|rows?|loaded|skipped|nothing to do"
            + "|not configured|same content|empty|worker|registration|person|first pass|failed|duplicate)\\b");
    private static final Browser.Pool BROWSERS = new Browser.Pool();

    @LocalServerPort
    int port;

    @AfterAll
    static void closeBrowser() throws IOException {
        BROWSERS.close();
    }

    @BeforeEach
    void everySourceARefusedFileADuplicateAndANightlyRun() throws IOException {
        int files = loadSamples("incubators", "hr", "exams");
        drop("incubators/mons-mic/empty.csv", "", StandardCharsets.UTF_8);
        awaitImports(files + 1);
        Path mons = Files.walk(Path.of("samples/incubators/mons-mic")).filter(Files::isRegularFile).findFirst().orElseThrow();
        dropCopy(mons, "incubators/mons-mic/again-" + mons.getFileName());
        awaitImports(files + 2);
        long run = jdbc.queryForObject("""
                insert into ops.nightly_run (scheduled_for, status, node, trigger, finished_at, message)
                values (now(), 'SUCCEEDED', 'test', 'NIGHTLY', now(),
                        'exam-db: not configured, skipped; hr: not configured, skipped; partners: not configured, skipped')
                returning id""", Long.class);
        jdbc.update("""
                insert into ops.pull_run (pull, trigger, nightly_run_id, status, finished_at, node, message)
                values ('hr', 'ADMIN', null, 'FAILED', now(), 'test', 'the pull ''hr'' is not configured')""");
        assertThat(run).isPositive();
    }

    private WebDriver browser() throws IOException {
        return BROWSERS.signedIn("admin", ADMIN_PASSWORD, port, 1366, 1000);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Every page of the console with what it shows on these samples. */
    private List<String> pages() {
        List<String> pages = new ArrayList<>(List.of("/?phase=2009-2011", "/?phase=2012-2014", "/console/imports",
                "/console/review", "/console/uncounted?reason=NO_CREATION_DATE&phase=2009-2011",
                "/console/uncounted?reason=NOT_PASSED&phase=2009-2011"));
        for (Long id : jdbc.queryForList("select id from ops.import order by id", Long.class)) {
            pages.add("/console/imports/" + id);
        }
        for (String metric : jdbc.queryForList("select name from ops.metric order by ord", String.class)) {
            pages.add("/console/evidence?metric=" + metric + "&phase=2009-2011");
        }
        return pages;
    }

    /** What a person reads: the page's text, without what is data (file names, start-up names, header fields). */
    private static String words(WebDriver d) {
        return (String) ((JavascriptExecutor) d).executeScript("""
                var copy = document.body.cloneNode(true);
                copy.querySelectorAll('td.file, .file a, td.item, td.field, .name-a, .name-b, #lang-switch, .who, '
                    + '[data-data]').forEach(function (e) { e.remove(); });
                return copy.innerText;""");
    }

    @Test
    void everyPageSpeaksFrenchWithTheCodesOnlyAsTooltips() throws IOException {
        WebDriver d = browser();
        List<String> problems = new ArrayList<>();
        for (String page : pages()) {
            d.get(url(page));
            assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).as(page).isEqualTo("fr");
            assertThat(d.findElement(By.id("data-date")).getText()).as(page).matches("Données au \\d+(er)? \\p{L}+ \\d{4}, \\d{2}:\\d{2}");
            String text = words(d);
            for (String file : jdbc.queryForList("select distinct file_name from ops.import where file_name is not null",
                    String.class)) {
                text = text.replace(file, "«fichier»"); // file names are data, named as sent
            }
            Matcher code = CODE.matcher(text);
            while (code.find()) {
                problems.add(page + ": raw code " + code.group());
            }
            Matcher english = ENGLISH.matcher(text);
            while (english.find()) {
                int from = Math.max(0, english.start() - 40);
                problems.add(page + ": English '" + english.group() + "' in «"
                        + text.substring(from, Math.min(text.length(), english.end() + 40)).replace('\n', ' ') + "»");
            }
        }
        assertThat(problems).isEmpty();

        // the reasons of the rejects: in words, the stored English detail never shown, the code as tooltip
        List<Map<String, Object>> rejects = jdbc.queryForList(
                "select import_id, reason_code, message from ops.rejected_row order by import_id, line_no");
        assertThat(rejects).extracting(r -> r.get("reason_code")).contains("MISSING_NAME", "INVALID_ENTERPRISE_NUMBER");
        for (long importId : rejects.stream().map(r -> ((Number) r.get("import_id")).longValue()).distinct().toList()) {
            d.get(url("/console/imports/" + importId));
            for (WebElement row : d.findElements(By.cssSelector("#rejects tbody tr"))) {
                String code = row.findElement(By.cssSelector("td.reason")).getAttribute("title");
                String detail = row.findElement(By.cssSelector("td.detail")).getText();
                assertThat(row.findElement(By.cssSelector("td.reason")).getText()).as(code).doesNotContain("_").isNotBlank();
                assertThat(rejects).filteredOn(r -> r.get("message").equals(detail)).as("English detail shown: " + detail)
                        .isEmpty();
                assertThat(detail).as(code).doesNotStartWith("(texte d'origine)");
            }
        }
        // and in English with ?lang=en, the stored details as they are
        long mons = jdbc.queryForObject("select id from ops.import where partner = 'mons-mic' and rows_rejected > 0"
                + " order by id limit 1", Long.class);
        d.get(url("/console/imports/" + mons + "?lang=en"));
        assertThat(d.findElement(By.cssSelector("#rejects tbody td.reason")).getText()).isEqualTo("Missing name");
        assertThat(d.findElement(By.cssSelector("#rejects tbody td.detail")).getText()).contains("was not loaded");
        d.get(url("/console/imports?lang=fr"));
    }

    @Test
    void noPageScrollsSidewaysOnA390PixelPhone() throws IOException {
        WebDriver d = browser();
        var chrome = Browser.chrome(d);
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            List<String> wide = new ArrayList<>();
            for (String page : pages()) {
                d.get(url(page));
                long scroll = ((Number) chrome.executeScript("return document.documentElement.scrollWidth")).longValue();
                long width = ((Number) chrome.executeScript("return window.innerWidth")).longValue();
                if (scroll > 390 || width > 390) {
                    wide.add(page + ": " + scroll + " px wide in a " + width + " px window");
                }
                // the menu is whole: every link of it inside the window
                for (WebElement a : d.findElements(By.cssSelector(".topbar nav a"))) {
                    if (a.getRect().getX() + a.getRect().getWidth() > 390) {
                        wide.add(page + ": menu link '" + a.getText() + "' cut off");
                    }
                }
            }
            assertThat(wide).isEmpty();
            d.get(url("/?phase=2009-2011"));
            Files.createDirectories(Path.of("target"));
            Files.copy(chrome.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    Path.of("target/console-phone.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void axeFindsNoSeriousViolationOnAnyPage() throws IOException {
        assertThat(AXE).as("axe-core for the contrast checks: npm install --prefix .ci/axe axe-core@4.10.3 (.ci/run does it)")
                .isRegularFile();
        String axe = Files.readString(AXE);
        WebDriver d = browser();
        List<String> violations = new ArrayList<>();
        for (String page : pages()) {
            d.get(url(page));
            ((JavascriptExecutor) d).executeScript(axe);
            Object result = ((JavascriptExecutor) d).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                      done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                        .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) {
                          return n.target.join(' ') + ' ' + (n.any[0] ? n.any[0].message : ''); }).join(' | '); }));
                    }).catch(function (e) { done(['axe failed: ' + e]); });""");
            for (Object v : (List<Object>) result) {
                violations.add(page + ": " + v);
            }
        }
        assertThat(violations).isEmpty();
    }
}
