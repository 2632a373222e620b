package cn.gridbot.bot.ops;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.testing.BotHarness;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium: log in, report as a resident in the simulator, see
 * the ticket on the board, open it, escalate it; saves a screenshot to {@code target/console.png}.
 * In CI ({@code CI=true}, where {@code .ci/run} installs Chromium) a missing browser fails the
 * test; on a developer's machine without Chromium it is skipped with a note saying how to run it.
 * {@code -Dgridbot.skipBrowser=true} skips it anywhere.
 */
@Timeout(240)
class ConsoleIT {
  static final String CHROMIUM = System.getProperty("gridbot.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("gridbot.chromedriver", "/usr/bin/chromedriver");

  @TempDir static Path dir;
  @TempDir static Path profile;
  static BotHarness h;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("gridbot.skipBrowser"), "browser test skipped on request");
    boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
    Assumptions.assumeTrue(present || "true".equals(System.getenv("CI")),
        "ConsoleIT skipped: no Chromium here (bash .ci/run installs chromium and chromium-driver)");
    assertTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER)),
        "Chromium (" + CHROMIUM + ") and chromedriver (" + DRIVER + ") are needed: apt-get install chromium "
            + "chromium-driver (see .ci/run), or run with -Dgridbot.skipBrowser=true");
    h = BotHarness.start(dir, null, Map.of());
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
    System.setProperty("webdriver.chrome.driver", DRIVER);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1500,1000", "--lang=zh-CN",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (h != null) {
      h.close();
    }
  }

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    assertTrue(eventually(Duration.ofSeconds(20), condition), "waited for: " + what);
  }

  static String text(String id) {
    List<WebElement> found = browser.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  @Test
  void shipsEverythingItNeedsItself() throws Exception {
    for (String f : List.of("/console/index.html", "/console/app.js", "/console/style.css")) {
      var r = h.get(f);
      assertEquals(200, r.statusCode(), f);
      assertFalse(r.body().contains("http://") || r.body().contains("https://"), f + " loads nothing from outside");
    }
  }

  /** Picks an option of a select the way a user does (Selenium's Select clicks the option too). */
  static void choose(String select, String value) {
    browser.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
  }

  /** Opens the console as 孙丽 (和平社区); the tab may still hold the token of an earlier test. */
  static void logIn() throws Exception {
    browser.get(h.url("/"));
    waitFor("the log-in form or the console", () -> text("who").contains("孙丽")
        || browser.findElement(By.id("token")).isDisplayed());
    if (!text("who").contains("孙丽")) {
      browser.findElement(By.id("token")).sendKeys(Http.HEPING);
      browser.findElement(By.id("login-btn")).click();
      waitFor("logged in", () -> text("who").contains("孙丽"));
    }
  }

  @Test
  void aCoordinatorSendsANoticeFromTheFormAndSeesItsDeliveryReport() throws Exception {
    logIn();
    browser.findElement(By.id("tab-notice")).click();
    waitFor("the target picker", () -> browser.findElements(By.cssSelector("#pk-grid option")).size() > 1);
    choose("pk-grid", "heping-01");
    waitFor("the grid's compounds", () -> browser.findElements(By.cssSelector("#pk-compound option[value='heping-xiaoqu']")).size() == 1);
    choose("pk-compound", "heping-xiaoqu");
    waitFor("the compound's buildings", () -> browser.findElements(By.cssSelector("#pk-building option")).size() == 7);
    choose("pk-building", "3");
    assertEquals("和平小区3号楼", browser.findElement(By.id("nt-targets")).getAttribute("value"));
    browser.findElement(By.id("nt-text")).sendKeys("控制台通知：明天上午9点到12点停水，请提前储水。");
    browser.findElement(By.id("nt-preview")).click();
    waitFor("the preview", () -> text("nt-total").equals("1") && text("nt-draft-body").contains("沙箱 1 个"));
    browser.findElement(By.id("nt-confirm")).click();
    waitFor("the delivery report", () -> text("nt-sent").equals("1") && text("nt-report").contains("和平小区3号楼")
        && text("nt-report").contains("已发送"));
    assertTrue(text("nt-result").contains("已开始发送通知 #N"), text("nt-result"));
    assertTrue(h.sentUnchecked(null).stream().map(o -> (io.vertx.core.json.JsonObject) o)
        .anyMatch(m -> "building:heping-xiaoqu:3".equals(m.getString("group")) && m.getString("text").contains("控制台通知")));
    waitFor("the notice in the list", () -> text("nt-list").contains("控制台通知"));
    Path shot = Path.of("target", "console-notice.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertTrue(Files.size(shot) > 10_000, "screenshot saved");

    browser.findElement(By.id("tab-plan")).click();
    waitFor("the schedules and visits", () -> text("sc-list").contains("patrol:heping-01") && text("vs-list").contains("王桂英"));
    browser.findElement(By.cssSelector("button.trigger[data-id='patrol:heping-01']")).click();
    waitFor("triggered", () -> text("sc-result").contains("已触发"));
    waitFor("the patrol reminder in the grid's group", () -> h.sentUnchecked(null).stream()
        .map(o -> (io.vertx.core.json.JsonObject) o)
        .anyMatch(m -> "grid:heping-01".equals(m.getString("group")) && m.getString("text").contains("每日巡查")));
    Files.write(Path.of("target", "console-plan.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void aCoordinatorSeesASimulatedReportOnTheBoardAndEscalatesIt() throws Exception {
    logIn();

    browser.findElement(By.id("tab-sim")).click();
    browser.findElement(By.id("sim-text")).sendKeys("和平小区3号楼2单元楼道灯坏了，晚上黑漆漆的");
    browser.findElement(By.id("sim-send")).click();
    waitFor("the bot's answer in the chat", () -> text("chat").matches("(?s).*#[A-Z]\\d{4}.*"));
    String id = text("chat").replaceAll("(?s).*?#([A-Z]\\d{4}).*", "$1");
    waitFor("the grid group's assignment", () -> text("groups").contains("和平社区第一网格工作群")
        && text("groups").contains("#" + id));

    browser.findElement(By.id("tab-board")).click();
    waitFor("the ticket on the board", () -> !browser.findElements(By.cssSelector(".card[data-id='" + id + "']")).isEmpty());
    browser.findElement(By.cssSelector(".card[data-id='" + id + "']")).click();
    waitFor("the ticket's detail", () -> text("detail-title").contains("#" + id));
    assertTrue(text("history").contains("居民上报"));
    assertEquals("网格", text("detail-level"));

    browser.findElement(By.id("in-escalate")).sendKeys("居民多次反映");
    browser.findElement(By.id("act-escalate")).click();
    waitFor("escalated to the community", () -> text("detail-level").equals("社区") && text("history").contains("升级"));
    assertTrue(text("act-result").contains("升级到社区"), text("act-result"));

    Path shot = Path.of("target", "console.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertTrue(Files.size(shot) > 10_000, "screenshot saved");

    browser.findElement(By.id("detail-close")).click();
    browser.findElement(By.id("tab-district")).click();
    waitFor("the district charts", () -> !browser.findElements(By.cssSelector("#chart-grid svg rect")).isEmpty()
        && text("chart-grid").contains("和平社区第一网格"));
    browser.findElement(By.id("tab-dead")).click();
    waitFor("dead letters are the street's", () -> text("dead-outbox").contains("仅街道指挥中心"));
  }
}
