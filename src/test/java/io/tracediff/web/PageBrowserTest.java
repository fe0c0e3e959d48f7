package io.tracediff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.cli.InProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromedriver, which .ci/run installs): type an
 * expression, see the gradient rendered by KaTeX, run the check, open the shared link, see a marked error, and
 * an XSS payload stay text. A screenshot is saved under the build folder.
 */
class PageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium warns that it has no CDP bindings for this Chromium; the test uses WebDriver only. Held so the level sticks. */
    static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static WebServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        SELENIUM_LOG.setLevel(Level.SEVERE);
        server = new WebServer(new InProcessRunner(), "127.0.0.1", 0, 2, 8, 20_000).start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    static final String GRADIENT = "\\frac{\\partial f}{\\partial X} = \\left(a \\odot \\exp(X b)\\right) b^\\top";

    /** The LaTeX KaTeX rendered in the first formula under {@code container}, once it is there. */
    static String renderedLatex(String container) {
        WebElement annotation = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(container + " .katex annotation[encoding='application/x-tex']")));
        return annotation.getDomProperty("textContent");
    }

    static void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        e.sendKeys(text);
    }

    @Test void typeSeeCheckShareAndErrors() throws Exception {
        try {
            session();
        } catch (RuntimeException | AssertionError e) {  // what the page showed and logged, for whoever reads the failure
            Files.write(screenshots().resolve("failure.png"), driver.getScreenshotAs(OutputType.BYTES));
            StringBuilder log = new StringBuilder();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) log.append(entry.getMessage()).append('\n');
            throw new AssertionError("page at " + driver.getCurrentUrl() + "; screenshot failure.png; browser log:\n" + log, e);
        }
    }

    private void session() throws Exception {
        driver.get(server.url());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tab-java")));

        // the cheat sheet is one click away
        assertFalse(driver.findElement(By.cssSelector("#cheatsheet table")).isDisplayed());
        driver.findElement(By.cssSelector("#cheatsheet summary")).click();
        assertTrue(driver.findElement(By.cssSelector("#cheatsheet table")).isDisplayed());
        driver.findElement(By.cssSelector("#cheatsheet summary")).click();

        // type: the gradient appears, rendered by KaTeX
        type("let", "a: vector(m); X: matrix(m, n); b: vector(n)");
        type("expr", "a'*exp(X*b)");
        driver.findElement(By.id("go")).click();
        wait.until(d -> d.findElements(By.cssSelector("#result-math .katex")).size() == 1
                && GRADIENT.equals(renderedLatex("#result-math")));
        String shown = driver.findElement(By.cssSelector("#result-math .katex-html")).getText();
        assertTrue(shown.contains("⊙") && shown.contains("exp") && shown.contains("∂f"), shown);
        assertEquals("f = a^\\top \\exp(X b)", renderedLatex("#expression-math"));
        List<String> variables = driver.findElements(By.cssSelector("#variable-list label")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("a: vector(m)", "X: matrix(m, n)", "b: vector(n)"), variables);
        assertTrue(driver.findElement(By.id("wrt-X")).isSelected(), "the page picks the first matrix");
        wait.until(d -> d.findElement(By.id("code-text")).getText().contains("public final class LossGradient"));
        assertEquals("true", driver.findElement(By.id("tab-java")).getDomAttribute("aria-selected"));
        for (String button : List.of("copy-latex", "copy-code")) {
            driver.findElement(By.id(button)).click();
            wait.until(d -> d.findElement(By.id(button)).getText().equals("Copied"));
        }

        // the check: three comparisons, all agree
        driver.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("check-table")));
        List<WebElement> rows = driver.findElements(By.cssSelector("#check-table tbody tr"));
        assertEquals(3, rows.size());
        for (WebElement row : rows) assertEquals("ok", row.findElement(By.cssSelector("td:last-child")).getText());
        assertTrue(rows.get(2).getText().contains("reverse mode vs finite differences"), rows.get(2).getText());
        assertTrue(driver.findElement(By.id("check-summary")).getText().startsWith("all agree"));

        // the steps, then a screenshot of the whole result
        driver.findElement(By.id("steps")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#steps-math .katex")).isEmpty());
        assertTrue(renderedLatex("#steps-math").contains("\\text{trace-cyclic}"));
        wait.until(d -> d.getCurrentUrl().contains("steps=1"));
        Path shot = screenshots().resolve("page.png");
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 10_000, shot.toString());

        // the state is in the URL: a fresh page at the shared link shows the same result
        String link = driver.findElement(By.id("share")).getDomProperty("href");
        assertTrue(link.contains("expr=a%27*exp%28X*b%29") && link.contains("wrt=X") && link.contains("mode=gradient"), link);
        driver.get("about:blank");
        driver.get(link);
        wait.until(d -> !d.findElements(By.cssSelector("#result-math .katex")).isEmpty());
        assertEquals(GRADIENT, renderedLatex("#result-math"));
        assertEquals("a'*exp(X*b)", driver.findElement(By.id("expr")).getDomProperty("value"));
        assertTrue(driver.findElement(By.id("steps")).isSelected());

        // a Hessian from a link, picked by mode
        driver.get(server.url() + "?expr=" + java.net.URLEncoder.encode("x'*A*x", "UTF-8") + "&wrt=x&mode=hessian");
        wait.until(d -> !d.findElements(By.cssSelector("#result-math .katex")).isEmpty());
        assertEquals("\\frac{\\partial^2 f}{\\partial x \\partial x^\\top} = A + A^\\top", renderedLatex("#result-math"));

        // a long derivation (over 300 \operatorname, past KaTeX's default expansion limit) still renders
        driver.get(server.url() + "?expr=" + java.net.URLEncoder.encode("softmax(x)'*softmax(x)", "UTF-8") + "&wrt=x&mode=hessian&steps=1");
        wait.until(d -> !d.findElements(By.cssSelector("#steps-math .katex")).isEmpty());
        assertTrue(driver.findElements(By.cssSelector("#steps-math pre.latex-source")).isEmpty(), "a derivation shown as its source");

        // an error is shown inline with the offending part marked
        type("expr", "x'*A*x +* 2");
        driver.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertEquals("expected an operand but found '*'", driver.findElement(By.id("error-message")).getText());
        assertEquals("*", driver.findElement(By.cssSelector("#error-marked mark")).getText());
        assertEquals("x'*A*x +* 2", driver.findElement(By.id("error-marked")).getText());
        assertEquals("true", driver.findElement(By.id("expr")).getDomAttribute("aria-invalid"));
        Files.write(screenshots().resolve("error.png"), driver.getScreenshotAs(OutputType.BYTES));

        // an XSS payload stays text
        type("expr", "<img src=x onerror=\"window.pwned=1\">");
        driver.findElement(By.id("go")).click();
        wait.until(d -> d.findElement(By.id("error-message")).getText().startsWith("unexpected character '<'"));
        assertEquals("<", driver.findElement(By.cssSelector("#error-marked mark")).getText());
        JavascriptExecutor js = driver;
        assertEquals(0L, js.executeScript("return document.querySelectorAll('img').length"));
        assertEquals(null, js.executeScript("return window.pwned === undefined ? null : window.pwned"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());

        // nothing the page needed was refused by the Content-Security-Policy, and nothing failed to load
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            assertFalse(m.contains("Content Security Policy") || m.contains("net::ERR") && !m.contains("/api/"), m);
        }
    }

    static Path screenshots() throws Exception {
        Path dir = Path.of(System.getProperty("tracediff.buildDir", "target"), "screenshots");
        Files.createDirectories(dir);
        return dir;
    }

}
