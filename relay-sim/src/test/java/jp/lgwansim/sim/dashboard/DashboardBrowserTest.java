package jp.lgwansim.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.lgwansim.relay.trace.TraceType;
import jp.lgwansim.sim.Simulation;
import jp.lgwansim.sim.api.ApiOptions;
import jp.lgwansim.sim.api.ApiServer;
import jp.lgwansim.sim.topology.TopologyLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Chromium) against a real Figure 1 simulation: what a
 * trainer sees on load, sending a mail from the form, switching A市 to Static delivery, errors in
 * both languages, and the language switch. Screenshots of the diagram and of a route, in Japanese
 * and English, are saved on the way (see {@link HeadlessChromium#screenshot}).
 */
class DashboardBrowserTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Simulation sim;
  private static ApiServer api;
  private static HeadlessChromium browser;
  private static String firstId;

  @BeforeAll
  static void start() throws Exception {
    browser = HeadlessChromium.start();
    sim =
        Simulation.start(
            TopologyLoader.load(Dashboard.checkout().resolve("topologies/figure1-mx.yaml")),
            Optional.of(dir.resolve("data")));
    api = ApiServer.start(sim, ApiOptions.defaults().withPort(0));
    // Like the demo: Figure 1's mail is delivered before the page opens.
    firstId = sendAndAwaitDelivery("taro@city-a.lg.jp", "hanako@town-b.lg.jp", "図1のメール / Figure 1");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @BeforeEach
  void openPage() {
    WebDriver d = browser.driver();
    d.get(api.uri() + "/");
    browser.js("localStorage.setItem('lgwan-sim.lang', 'ja')");
    d.navigate().refresh();
    awaitReady();
  }

  @Test
  void pageOnLoad_showsTheTopologyByNetworkAndFigure1sMailWithItsRoute() throws Exception {
    WebDriver d = browser.driver();
    List<WebElement> nodes = d.findElements(By.cssSelector("svg.diagram .node"));
    assertEquals(4, nodes.size(), "Figure 1 has four mail servers");
    String diagram = d.findElement(By.id("diagram")).getText();
    assertTrue(diagram.contains("LGWAN"), diagram);
    assertTrue(diagram.contains("A市メールサーバ") && diagram.contains("relay.lgwan.jp"), diagram);
    assertTrue(diagram.contains("DNS") && diagram.contains("127.10.0.53"), diagram);
    assertTrue(
        d.findElements(By.cssSelector(".msg-row[data-id='" + firstId + "']")).size() == 1,
        "the mail sent before the page opened is listed");
    // The first message opens with its route: A市 → LGWAN relay → B町, numbered, with why.
    String route = awaitRouteWith("B町メールサーバ (town-b) が hanako@town-b.lg.jp のメールボックスに配送しました");
    assertTrue(route.contains("①") && route.contains("MX 10 relay.lgwan.jp"), route);
    assertTrue(route.contains("transport: town-b.lg.jp → [mail.town-b.lg.jp]"), route);
    browser.await(DEADLINE, x -> x.findElements(By.cssSelector("#route .received li")).size() == 3);
    assertTrue(
        d.findElements(By.cssSelector("svg.diagram .step-badge")).size() >= 5,
        "the route is numbered on the diagram too");
    browser.screenshot("dashboard-ja");
    browser.screenshot("diagram-ja", d.findElement(By.cssSelector(".diagram-card")));
    browser.screenshot("route-ja", d.findElement(By.cssSelector(".route-card")));
  }

  @Test
  void sendForm_mailArrivesInTheListWithItsRoute() {
    WebDriver d = browser.driver();
    d.findElement(By.cssSelector(".tab[data-tab=send]")).click();
    WebElement form = d.findElement(By.id("send-form"));
    setValue(form.findElement(By.name("from")), "jiro@city-a.lg.jp");
    setValue(form.findElement(By.name("to")), "hanako@town-b.lg.jp");
    setValue(form.findElement(By.name("subject")), "フォームから / from the form");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    browser.await(
        DEADLINE,
        x ->
            x.findElement(By.cssSelector(".route-subject"))
                    .getText()
                    .equals("フォームから / from the form")
                && x.findElement(By.cssSelector("#route .chip.status-delivered")).isDisplayed());
    String route = awaitRouteWith("hanako@town-b.lg.jp のメールボックスに配送しました");
    assertTrue(route.contains("jiro@city-a.lg.jp"), route);
    assertEquals(
        2, d.findElements(By.cssSelector("#route .route-step[data-kind=relay]")).size(), route);
    WebElement row =
        browser.await(
            DEADLINE,
            x -> {
              WebElement r = x.findElement(By.cssSelector(".msg-row.selected"));
              return "delivered".equals(r.getAttribute("data-status")) ? r : null;
            });
    assertTrue(row.getText().contains("フォームから"), row.getText());
  }

  @Test
  void deliverySwitch_toStaticSendsTheNextMailThroughThePoi() throws Exception {
    WebDriver d = browser.driver();
    try {
      d.findElement(By.cssSelector("svg.diagram .node[data-node=city-a]")).click();
      WebElement form = d.findElement(By.cssSelector("#controls [data-form=delivery]"));
      form.findElement(By.cssSelector("input[value=static]")).click();
      setValue(form.findElement(By.name("smarthost")), "[smtp.poi.lgwan.jp]");
      form.findElement(By.cssSelector("button[type=submit]")).click();
      browser.await(
          DEADLINE,
          x ->
              x.findElement(By.cssSelector("svg.diagram .node[data-node=city-a]"))
                  .getText()
                  .contains("Static → [smtp.poi.lgwan.jp]"));

      String id =
          sendAndAwaitDelivery(
              "taro@city-a.lg.jp", "hanako@town-b.lg.jp", "Static配送 / via the POI");
      d.findElement(By.cssSelector(".tab[data-tab=messages]")).click();
      setValue(d.findElement(By.name("filter-subject")), "Static配送");
      browser
          .await(DEADLINE, x -> x.findElement(By.cssSelector(".msg-row[data-id='" + id + "']")))
          .click();
      String route = awaitRouteWith("POI SMTPサーバ (poi)");
      assertTrue(route.contains("Static: スマートホスト [smtp.poi.lgwan.jp]"), route);
      browser.await(
          DEADLINE,
          x ->
              x.findElement(By.cssSelector(".route-hops"))
                  .getText()
                  .contains("A市メールサーバ → POI SMTPサーバ"));
    } finally {
      call("PUT", "/api/nodes/city-a/delivery", "{\"mode\":\"mx\"}");
    }
  }

  @Test
  void invalidInput_isRefusedByTheServerWithAMessageInBothLanguages() {
    WebDriver d = browser.driver();
    d.findElement(By.cssSelector("svg.diagram .node[data-node=city-a]")).click();
    WebElement form = d.findElement(By.cssSelector("#controls [data-form=delivery]"));
    form.findElement(By.cssSelector("input[value=static]")).click();
    setValue(form.findElement(By.name("smarthost")), "");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    String error =
        browser.await(
            DEADLINE,
            x -> {
              WebElement e =
                  x.findElement(By.cssSelector("#controls [data-form=delivery] .form-error"));
              return e.isDisplayed() ? e.getText() : null;
            });
    assertTrue(
        error.contains("Static配送方式には \"smarthost\"") && error.contains("Static delivery needs"),
        error);
    assertTrue(!error.contains("Exception") && !error.contains("at jp."), error);

    d.findElement(By.cssSelector(".tab[data-tab=send]")).click();
    WebElement send = d.findElement(By.id("send-form"));
    setValue(send.findElement(By.name("to")), "not an address");
    send.findElement(By.cssSelector("button[type=submit]")).click();
    String sendError =
        browser.await(
            DEADLINE,
            x -> {
              WebElement e = x.findElement(By.cssSelector("#send-form .form-error"));
              return e.isDisplayed() ? e.getText() : null;
            });
    assertTrue(
        sendError.contains("正しくありません") && sendError.contains("is not a mail address"), sendError);
  }

  @Test
  void languageButton_switchesEveryLabelToEnglishAndBack() throws Exception {
    WebDriver d = browser.driver();
    WebElement lang = d.findElement(By.id("lang"));
    assertEquals("English", lang.getText());
    assertEquals("メッセージ", d.findElement(By.cssSelector(".tab[data-tab=messages]")).getText());
    lang.click();
    browser.await(
        DEADLINE,
        x -> x.findElement(By.cssSelector(".tab[data-tab=messages]")).getText().equals("Messages"));
    assertEquals("en", d.findElement(By.tagName("html")).getAttribute("lang"));
    assertEquals("LGWAN mail relay simulator", d.findElement(By.cssSelector("h1")).getText());
    String route = awaitRouteWith("relayed to relay.lgwan.jp");
    assertTrue(route.contains("MX 10 relay.lgwan.jp. from LGWAN DNS"), route);
    assertTrue(d.findElement(By.id("diagram")).getText().contains("LGWAN relay"));
    browser.screenshot("dashboard-en");
    browser.screenshot("diagram-en", d.findElement(By.cssSelector(".diagram-card")));
    browser.screenshot("route-en", d.findElement(By.cssSelector(".route-card")));

    // Replay walks the route: the first step is current, the later ones wait.
    d.findElement(By.cssSelector("#route [data-act=play]")).click();
    browser.await(
        DEADLINE,
        x ->
            !x.findElements(By.cssSelector("#route .route-step.current[data-step='1']")).isEmpty());
    d.findElement(By.cssSelector("#route [data-act=next]")).click();
    browser.await(
        DEADLINE,
        x ->
            !x.findElements(By.cssSelector("#route .route-step.current[data-step='2']")).isEmpty());
    browser.await(
        DEADLINE,
        x -> x.findElement(By.cssSelector(".replay-pos")).getText().startsWith("Step 2 of"));
    d.findElement(By.cssSelector("#route [data-act=stop]")).click();

    d.findElement(By.id("lang")).click();
    browser.await(
        DEADLINE,
        x -> x.findElement(By.cssSelector(".tab[data-tab=messages]")).getText().equals("メッセージ"));
    assertEquals("ja", d.findElement(By.tagName("html")).getAttribute("lang"));
  }

  @Test
  void mailboxesTab_showsTheMessageAndTheThunderbirdSettings() {
    WebDriver d = browser.driver();
    d.findElement(By.cssSelector(".tab[data-tab=mailboxes]")).click();
    browser
        .await(DEADLINE, x -> x.findElement(By.cssSelector("[data-open='hanako@town-b.lg.jp']")))
        .click();
    String box =
        browser.await(
            DEADLINE,
            x -> {
              String text = x.findElement(By.id("mailboxes")).getText();
              return text.contains("hanako-pass") ? text : null;
            });
    assertTrue(box.contains("IMAP") && box.contains("1143") && box.contains("POP3"), box);
    d.findElement(By.cssSelector("#mailboxes .mb-message")).click();
    browser.await(
        DEADLINE,
        x ->
            x.findElement(By.cssSelector("#mailboxes table.headers"))
                .getText()
                .contains("Received"));
    d.findElement(By.cssSelector("#mailboxes [data-part=raw]")).click();
    String raw =
        browser.await(
            DEADLINE, x -> x.findElement(By.cssSelector("#mailboxes pre.mail-raw")).getText());
    assertTrue(raw.contains("Message-ID:") && raw.contains("by mail.town-b.lg.jp"), raw);
  }

  private void awaitReady() {
    browser.await(
        DEADLINE, x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  private String awaitRouteWith(String text) {
    return browser.await(
        DEADLINE,
        x -> {
          String route = x.findElement(By.id("route")).getText();
          return route.contains(text) ? route : null;
        });
  }

  private void setValue(WebElement input, String value) {
    input.clear();
    if (!value.isEmpty()) {
      input.sendKeys(value);
    }
  }

  /** Sends through the API, as the CLI does, and waits for the DELIVERED event at B町. */
  private static String sendAndAwaitDelivery(String from, String to, String subject)
      throws Exception {
    CompletableFuture<String> delivered = new CompletableFuture<>();
    String[] messageId = new String[1];
    AutoCloseable sub =
        sim.trace()
            .subscribe(
                e -> {
                  if (e.type() == TraceType.DELIVERED && e.messageId().equals(messageId[0])) {
                    delivered.complete(e.messageId());
                  }
                });
    try {
      String body =
          "{\"from\":\""
              + from
              + "\",\"to\":[\""
              + to
              + "\"],\"subject\":\""
              + subject
              + "\",\"body\":\"test\"}";
      String answer = call("POST", "/api/send", body);
      messageId[0] = answer.replaceAll(".*\"messageId\":\"([^\"]+)\".*", "$1");
      String id = answer.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      // The delivery may have happened before messageId[0] was set: the tracker knows then.
      if (api.tracker().find(id).map(m -> m.status().apiName()).orElse("").equals("delivered")) {
        return id;
      }
      delivered.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      return id;
    } finally {
      sub.close();
    }
  }

  private static String call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.uri() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
            .header("Content-Type", "application/json")
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
