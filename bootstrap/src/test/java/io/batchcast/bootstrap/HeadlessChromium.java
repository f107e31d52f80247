package io.batchcast.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, driven by Debian's chromedriver (nothing is downloaded), with a profile of its own. */
final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final ChromeDriverService service;
    private final Path profile;

    HeadlessChromium(int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("batchcast-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // background tabs keep their timers and rendering, as a trader's second screen does
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        // the window's size includes what the browser draws around the page: grow it until the page gets exactly
        // width x height, the size the layout must read well at
        driver.manage().window().setSize(new Dimension(width, height));
        driver.get("about:blank");
        List<?> inner = (List<?>) script("return [window.innerWidth, window.innerHeight]");
        driver.manage().window().setSize(new Dimension(2 * width - ((Number) inner.get(0)).intValue(),
                2 * height - ((Number) inner.get(1)).intValue()));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** The page's viewport, {@code [innerWidth, innerHeight]}. */
    List<?> viewport() {
        return (List<?>) script("return [window.innerWidth, window.innerHeight]");
    }

    /** Runs {@code script} in every page before the page's own scripts, e.g. to take a browser feature away. */
    void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /** The text content of every element matching {@code css}, in document order (also in background tabs). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)",
                css);
    }

    /** The attribute {@code name} of every element matching {@code css}, in document order. */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String name) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.getAttribute(arguments[1]))", css, name);
    }

    String text(String css) {
        List<String> all = texts(css);
        return all.isEmpty() ? null : all.getFirst();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
