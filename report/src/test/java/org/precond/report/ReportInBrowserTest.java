package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.PrecondModel;
import org.precond.synthetic.ReferenceFunction;

/**
 * Opens generated reports, of a regressor and of a classifier, in headless Chromium, as a person
 * would open them offline: the page must unpack its compressed Plotly.js, log no error, make no
 * request beyond itself, and draw every plot. Screenshots of the embedding plots are kept in
 * {@code target/browser/} for people to look at. A browser that cannot unpack Plotly.js must say
 * so in the page.
 */
class ReportInBrowserTest {

  /** Where the screenshots are kept, under the module's build directory. */
  static final Path ARTEFACTS = Path.of("target", "browser");

  private static final long SETTLE_MILLIS = 120_000;

  @TempDir Path dir;

  @Test
  void everyPlotDrawsWithoutErrorsOrRequests() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.BINARY + " to test with");
    PrecondModel model = SmallModels.e2();
    Report report =
        Report.builder(model, SmallModels.e2Test(500))
            .truth(ReferenceFunction.E2)
            .build();
    assertDrawsCleanly(report, "embedding-3d.png");
  }

  /** A classifier's page: points by class, a heat map, bars and lines on two axes. */
  @Test
  void everyPlotOfAClassifierDrawsWithoutErrorsOrRequests() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.BINARY + " to test with");
    PrecondModel model = SmallModels.classifier();
    Report report = Report.builder(model, SmallModels.classifierTest(model, 300)).build();
    assertDrawsCleanly(report, "classifier-embedding.png");
  }

  /**
   * Opens the report's page and checks that every plot drew, that nothing went wrong or left the
   * page, and that the embedding plot's points were painted; its screenshot is kept under {@code
   * screenshot}.
   */
  private void assertDrawsCleanly(Report report, String screenshot) throws Exception {
    Path page = dir.resolve("report.html");
    report.writeHtml(page);
    List<String> plotIds = new ArrayList<>();
    report.sections().forEach(s -> s.plots().forEach(p -> plotIds.add(p.id())));

    Files.createDirectories(ARTEFACTS);
    try (HeadlessChromium browser =
        HeadlessChromium.start(dir.resolve("profile"), ARTEFACTS.resolve("chromium.log"))) {
      open(browser, page);
      // The plots are drawn once Plotly.js is unpacked, asynchronously: the page marks the body
      // when every plot has finished.
      assertEquals(String.valueOf(plotIds.size()), awaitPlots(browser), "every plot settled");
      assertEquals(
          PlotlyLibrary.get().version(),
          browser.evaluate("String(window.Plotly && Plotly.version)").asText(),
          "the page unpacked and ran the Plotly.js it carries");
      assertFalse(
          browser.evaluate("/src=\"https?:/.test(document.documentElement.outerHTML)")
              .asBoolean(),
          "no remote src in the page, nor in the script it unpacked into itself");

      Map<String, String> drawn = new LinkedHashMap<>();
      browser
          .evaluate(
              "Array.from(document.querySelectorAll('.plot'))"
                  + ".map(e => [e.id, e.getAttribute('data-drawn')])")
          .forEach(pair -> drawn.put(pair.get(0).asText(), pair.get(1).asText()));
      assertEquals(plotIds, List.copyOf(drawn.keySet()), "a placeholder for every plot");
      drawn.forEach((id, state) -> assertEquals("true", state, "plot " + id + " drew"));

      // A few frames more, so the WebGL scene has certainly been painted.
      browser.evaluate(
          "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => 1)");
      byte[] embedding = screenshot(browser, "embedding-principal");
      Files.write(ARTEFACTS.resolve(screenshot), embedding);
      assertPointsPainted(ImageIO.read(new ByteArrayInputStream(embedding)));

      assertEquals(List.of(), problems(browser.events()), "the page ran cleanly");
    }
  }

  /**
   * The check itself is checked: a page that logs an error, throws, and asks for a missing file
   * and for something on the network is caught on each count.
   */
  @Test
  void theCheckCatchesErrorsAndStrayRequests() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.BINARY + " to test with");
    Path page = dir.resolve("bad.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><img src=\"missing.png\"><script>"
            + "console.error('bad'); fetch('http://127.0.0.1:9/x').catch(() => {});"
            + "setTimeout(() => { throw new Error('thrown'); }, 0);"
            + "setTimeout(() => document.body.setAttribute('data-done', '1'), 500);"
            + "</script></body></html>");
    try (HeadlessChromium browser =
        HeadlessChromium.start(dir.resolve("profile"), dir.resolve("chromium.log"))) {
      open(browser, page);
      long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
      while (browser.evaluate("document.body && document.body.getAttribute('data-done')")
          .isNull()) {
        assertTrue(System.currentTimeMillis() < deadline, "the page finished in time");
        Thread.sleep(100);
      }
      String found = String.join("\n", problems(browser.events()));
      for (String expected :
          List.of("console.error", "exception: Error: thrown", "failed request",
              "request beyond the page: http://127.0.0.1:9/x")) {
        assertTrue(found.contains(expected), expected + " in:\n" + found);
      }
    }
  }

  /**
   * A browser without DecompressionStream (Chrome before 80, Firefox before 113, Safari before
   * 16.4) cannot unpack Plotly.js: the page says so at the top and in each plot's place, and
   * draws nothing.
   */
  @Test
  void aBrowserWithoutDecompressionStreamIsToldWhy() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.BINARY + " to test with");
    Path page = dir.resolve("old.html");
    ObjectNode layout = Plot.layout(300);
    ArrayNode data = Plot.JSON.arrayNode();
    data.addObject().put("type", "scatter").set("y", Plot.numbers(new int[] {1, 3, 2}));
    Plot plot = new Plot("line", "A line", data, layout);
    Section section =
        new Section() {
          @Override
          public String id() {
            return "only";
          }

          @Override
          public String title() {
            return "Only";
          }

          @Override
          public String body() {
            return plot.placeholder();
          }

          @Override
          public List<Plot> plots() {
            return List.of(plot);
          }
        };
    new HtmlReport("Old browser", "<p>intro</p>", List.of(section)).write(page);
    try (HeadlessChromium browser =
        HeadlessChromium.start(dir.resolve("profile"), dir.resolve("chromium.log"))) {
      open(browser, page, "delete window.DecompressionStream;");
      assertEquals("1", awaitPlots(browser));
      assertEquals("false", browser.evaluate(
          "document.getElementById('line').getAttribute('data-drawn')").asText());
      assertTrue(browser.evaluate("typeof window.Plotly === 'undefined'").asBoolean());
      String top = browser.evaluate("document.querySelector('main > .load-error').innerText")
          .asText();
      assertTrue(top.contains("cannot be drawn") && top.contains("DecompressionStream"), top);
      assertTrue(
          browser.evaluate("document.getElementById('line').innerText").asText()
              .contains("Plot not drawn"));
      List<String> found = problems(browser.events());
      assertEquals(1, found.size(), "one message, the page's own: " + found);
      assertTrue(found.get(0).startsWith("console.error") && found.get(0).contains("precond"),
          found.get(0));
    }
  }

  private static void open(HeadlessChromium browser, Path page) throws IOException {
    open(browser, page, null);
  }

  /** Opens the page, first running {@code beforePage}, if any, in every new document. */
  private static void open(HeadlessChromium browser, Path page, String beforePage)
      throws IOException {
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      browser.send(domain + ".enable", HeadlessChromium.params());
    }
    if (beforePage != null) {
      browser.send(
          "Page.addScriptToEvaluateOnNewDocument",
          HeadlessChromium.params().put("source", beforePage));
    }
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        HeadlessChromium.params().put("width", 1280).put("height", 900)
            .put("deviceScaleFactor", 1).put("mobile", false));
    browser.send("Page.navigate", HeadlessChromium.params().put("url", page.toUri().toString()));
  }

  /**
   * Waits, at most {@link #SETTLE_MILLIS}, for the page to mark that every plot has finished
   * drawing, and returns the mark: the number of plots.
   */
  private static String awaitPlots(HeadlessChromium browser)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    String expression = "document.body ? document.body.getAttribute('data-plots-settled') : null";
    JsonNode settled;
    while ((settled = browser.evaluate(expression)).isNull()) {
      assertTrue(System.currentTimeMillis() < deadline, "the plots settled in time");
      Thread.sleep(200);
    }
    return settled.asText();
  }

  /** A PNG of the element with the given id and its caption, scrolled into view. */
  private static byte[] screenshot(HeadlessChromium browser, String id) throws IOException {
    JsonNode box =
        browser.evaluate(
            "(() => { const f = document.getElementById('" + id + "').closest('figure');"
                + " f.scrollIntoView(); const r = f.getBoundingClientRect();"
                + " return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};"
                + " })()");
    ObjectNode clip =
        HeadlessChromium.params()
            .put("x", box.get("x").asDouble())
            .put("y", box.get("y").asDouble())
            .put("width", box.get("w").asDouble())
            .put("height", box.get("h").asDouble())
            .put("scale", 1);
    ObjectNode params = HeadlessChromium.params().put("format", "png");
    params.set("clip", clip);
    String data = browser.send("Page.captureScreenshot", params).get("data").asText();
    return Base64.getDecoder().decode(data);
  }

  /**
   * The scatter's points are coloured (by the Viridis scale, or by class): saturated pixels left of
   * the colour bar or legend, which sits at the right edge, show that they were painted (axes,
   * grid and plane are grey).
   */
  private static void assertPointsPainted(BufferedImage image) {
    int coloured = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth() * 3 / 4; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 50) {
          coloured++;
        }
      }
    }
    assertTrue(coloured > 100, "the 3-D scatter's points were painted (" + coloured + " pixels)");
  }

  /**
   * Console errors, uncaught exceptions, error log entries, failed loads, and any request for
   * something other than the page itself and the data it carries.
   */
  private static List<String> problems(List<JsonNode> events) {
    List<String> problems = new ArrayList<>();
    for (JsonNode event : events) {
      JsonNode p = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert")) {
            problems.add("console." + type + ": " + p.path("args"));
          }
        }
        case "Runtime.exceptionThrown" ->
            problems.add("exception: " + p.path("exceptionDetails").path("exception")
                .path("description").asText(p.path("exceptionDetails").toString()));
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            problems.add("log: " + p.path("entry").path("text").asText());
          }
        }
        case "Network.loadingFailed" ->
            problems.add("failed request: " + p.path("errorText").asText());
        case "Network.requestWillBeSent" -> {
          String url = p.path("request").path("url").asText();
          if (!(url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")
              || url.startsWith("about:"))) {
            problems.add("request beyond the page: " + url);
          }
        }
        default -> {}
      }
    }
    return problems;
  }
}
