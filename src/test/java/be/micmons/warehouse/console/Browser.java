package be.micmons.warehouse.console;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, signed in with HTTP Basic as a person's browser
 * is: the first page of each origin is opened with the account in its URL, and Chromium keeps the
 * credentials for that origin's later pages and requests. (Registering them through the DevTools
 * protocol needs a Selenium module of the browser's exact major version, which Debian's updates
 * move under us; the WebDriver BiDi handler blocks behind a navigation in Chromium 150.)
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    /** The same driver, whose get() also waits for the document to be complete (see {@link #completing}). */
    private final WebDriver completing;
    private final String user;
    private final String password;
    private final Set<String> signedIn = new HashSet<>();
    private final Path profile;

    Browser(String user, String password, int width, int height) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("the console browser tests need Debian's Chromium:"
                    + " apt-get install chromium chromium-driver (.ci/run does it)");
        }
        profile = Files.createTempDirectory("mic-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        completing = completing(driver);
        this.user = user;
        this.password = password;
    }

    WebDriver driver() {
        return driver;
    }

    /** Signs in on the app at port, under both names of the loopback (two origins for Chromium); once each. */
    Browser signIn(int port) {
        for (String host : List.of("localhost", "127.0.0.1")) {
            if (signedIn.add(host + ":" + port)) {
                driver.get("http://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host + ":" + port + "/api/nightly");
            }
        }
        return this;
    }

    /**
     * The driver at the given window size on the app at port, its cookies (the language) and
     * session storage (a message left by the previous test) forgotten.
     */
    WebDriver fresh(int port, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        signIn(port);
        driver.get("http://localhost:" + port + "/actuator/health");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.sessionStorage.clear()");
        return completing;
    }

    /** The driver whose get() waits as {@link CompleteDocuments} says. */
    private static WebDriver completing(ChromeDriver raw) {
        return new org.openqa.selenium.support.events.EventFiringDecorator<WebDriver>(new CompleteDocuments(raw))
                .decorate(raw);
    }

    /**
     * Debian's Chromium 150 sometimes hands a page back from get() while it is still being parsed
     * (seen: 2 of 5 buttons, 17 of 81 rows, found just after get(), all of them a moment later), or
     * before the previous page has gone: after every get() of the tests, wait until the document is
     * a new one (the mark left on the old one is gone) and complete. Public: the decorator calls
     * its listener by reflection, and logs and skips a listener it cannot reach.
     */
    public static final class CompleteDocuments implements org.openqa.selenium.support.events.WebDriverListener {
        private final ChromeDriver raw;

        CompleteDocuments(ChromeDriver raw) {
            this.raw = raw;
        }

        @Override
        public void beforeGet(WebDriver d, String url) {
            raw.executeScript("window.micPreviousPage = true");
        }

        @Override
        public void afterGet(WebDriver d, String url) {
            new WebDriverWait(raw, Duration.ofSeconds(30)).until(x -> Boolean.TRUE.equals(raw.executeScript(
                    "return !window.micPreviousPage && document.readyState === 'complete'")));
        }
    }

    /** The Chromium driver behind a test's driver (the decorator's proxy wraps it), for its DevTools commands. */
    static ChromeDriver chrome(WebDriver d) {
        return d instanceof ChromeDriver c ? c : (ChromeDriver) ((org.openqa.selenium.WrapsDriver) d).getWrappedDriver();
    }

    /** A test class's browsers, one per account, started on first use and closed together after the class. */
    static final class Pool implements AutoCloseable {
        private final Map<String, Browser> open = new LinkedHashMap<>();

        /** The account's browser, fresh (see {@link Browser#fresh}) at the given window size. */
        WebDriver signedIn(String user, String password, int port, int width, int height) throws IOException {
            Browser b = open.get(user);
            if (b == null) {
                b = new Browser(user, password, width, height);
                open.put(user, b);
            }
            return b.fresh(port, width, height);
        }

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (Browser b : open.values()) {
                try {
                    b.close();
                } catch (IOException | RuntimeException e) {
                    failed = failed == null ? new IOException("a browser did not close", e) : failed;
                }
            }
            open.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** A 30-s wait that rides over a live part of the page being replaced. */
    static WebDriverWait waiting(WebDriver d) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
        w.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return w;
    }

    /** Leaves a picture of the page in target/ for a person to look at. */
    static void screenshot(WebDriver d, String name) throws IOException {
        Path shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The message the last action left on the page. */
    static String flash(WebDriver d) {
        return d.findElement(By.id("action-status")).getText();
    }

    /** A metric's values per year in its breakdown table, as {@link #text} reads them. */
    static List<String> yearValues(WebDriver d, String metric) {
        return d.findElement(By.id("metric-" + metric)).findElements(By.cssSelector("tr[data-year] td:nth-child(2)"))
                .stream().map(Browser::text).toList();
    }

    /** French groups thousands with a narrow no-break space: read as a plain space. */
    static String text(WebElement e) {
        return e.getText().replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
