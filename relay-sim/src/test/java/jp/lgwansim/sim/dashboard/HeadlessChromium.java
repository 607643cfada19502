package jp.lgwansim.sim.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named by path so Selenium
 * Manager never tries to download a browser (there is no network in CI). Tests that need it skip
 * when either is missing; {@code .ci/run} installs them.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots go: docs/screenshots of the checkout, committed and shown by the README. */
  static final String SCREENSHOTS_PROPERTY = "lgwan.screenshots";

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a 1600×1000 window (a projector's proportions), or skips the test. */
  static HeadlessChromium start() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("lgwan-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=ja",
        "--window-size=1600,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1600, 1000));
    return new HeadlessChromium(driver, profile);
  }

  WebDriver driver() {
    return driver;
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /**
   * Waits for a condition with a deadline; never sleeps a fixed time. An element the page redrew
   * meanwhile is looked up again.
   */
  <T> T await(Duration deadline, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, deadline, Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Saves a screenshot as {@code target/screenshots/NAME.png}, and also into the folder named by
   * the system property {@value #SCREENSHOTS_PROPERTY} (e.g. {@code ../docs/screenshots}) when set.
   */
  Path screenshot(String name) throws IOException {
    return save(name, driver.getScreenshotAs(OutputType.FILE));
  }

  /** The same for one element of the page (the diagram, the route). */
  Path screenshot(String name, org.openqa.selenium.WebElement element) throws IOException {
    return save(name, element.getScreenshotAs(OutputType.FILE));
  }

  private Path save(String name, File shot) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Path out = dir.resolve(name + ".png");
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty(SCREENSHOTS_PROPERTY, "");
    if (!docs.isBlank()) {
      Path d = Files.createDirectories(Path.of(docs));
      Files.copy(shot.toPath(), d.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary profile left behind is harmless.
      }
    }
  }
}
