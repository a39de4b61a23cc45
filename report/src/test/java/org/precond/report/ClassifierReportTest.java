package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.Dataset;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.synthetic.ReferenceFunction;

/** The report of a classifier: classes, not one-hot targets treated as numbers. */
class ClassifierReportTest {

  private static final List<String> LABELS = List.of("high", "low", "mid");

  private static PrecondModel model;
  private static Dataset test;
  private static Report report;
  private static String html;
  private static JsonNode plots;

  @BeforeAll
  static void buildReport(@TempDir Path dir) throws IOException {
    model = SmallModels.classifier();
    test = SmallModels.classifierTest(model, 300);
    report = Report.builder(model, test).build();
    Path file = dir.resolve("report.html");
    report.writeHtml(file);
    html = Files.readString(file);
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"precond-plots\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "the plots' data is in the page");
    plots = JsonMapper.builder().build().readTree(m.group(1));
  }

  private static JsonNode plot(String id) {
    for (JsonNode p : plots) {
      if (p.get("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no plot " + id);
  }

  /** The page after the head, whose minified Plotly.js holds "<tr" in its code. */
  private static String body() {
    return html.substring(html.indexOf("</head>"));
  }

  private static int classOf(float[] oneHot, int row) {
    int best = 0;
    for (int c = 1; c < LABELS.size(); c++) {
      if (oneHot[row * LABELS.size() + c] > oneHot[row * LABELS.size() + best]) {
        best = c;
      }
    }
    return best;
  }

  @Test
  void theSectionsAreAClassifiers() {
    assertEquals(LABELS, model.preprocessing().classes().labels());
    assertEquals(
        List.of("training", "principal", "metrics", "confusion", "reliability"),
        report.sections().stream().map(Section::id).toList());
    List<String> ids = new ArrayList<>();
    plots.forEach(p -> ids.add(p.get("id").asText()));
    assertEquals(
        List.of("training-loss", "embedding-principal", "raw-principal", "confusion-matrix",
            "reliability-diagram"),
        ids);
    assertTrue(html.contains("kind (3 classes: high, low, mid)"), "the target and its classes");
    assertFalse(body().contains("kind=low"), "no one-hot column shown as a target");
    assertTrue(body().contains("Cross-entropy"), "the loss a classifier trains on");
    assertNull(report.metrics(), "no regression table");
  }

  @Test
  void theConfusionMatrixCountsTheTestRowsByHand() {
    Predictions p = model.predict(test);
    String[] predicted = p.labels();
    Map<String, Integer> counted = new HashMap<>();
    float[] y = test.targets();
    for (int r = 0; r < test.rows(); r++) {
      counted.merge(LABELS.get(classOf(y, r)) + " as " + predicted[r], 1, Integer::sum);
    }
    JsonNode heat = plot("confusion-matrix").get("data").get(0);
    assertEquals("heatmap", heat.get("type").asText());
    for (int a = 0; a < 3; a++) {
      assertEquals(LABELS.get(a), heat.get("y").get(a).asText());
      assertEquals(LABELS.get(a), heat.get("x").get(a).asText());
    }
    int total = 0;
    int diagonal = 0;
    for (int a = 0; a < 3; a++) {
      for (int q = 0; q < 3; q++) {
        int count = heat.get("z").get(a).get(q).asInt();
        assertEquals(
            counted.getOrDefault(LABELS.get(a) + " as " + LABELS.get(q), 0), count,
            LABELS.get(a) + " as " + LABELS.get(q));
        total += count;
        diagonal += a == q ? count : 0;
      }
    }
    assertEquals(test.rows(), total);
    double accuracy = ClassificationMetrics.compute(p.means(), y, 3).accuracy();
    assertEquals(accuracy, diagonal / (double) test.rows(), 1e-12);
    // The table says the same, with the rows' total in its corner.
    assertTrue(body().contains("<td class=\"num\">" + test.rows() + "</td></tr>"));
    assertTrue(body().contains("<td class=\"num diagonal\">"
        + heat.get("z").get(0).get(0).asInt() + "</td>"));
  }

  @Test
  void theReliabilityBinsHoldEveryRowAndGiveTheMetricsError() {
    JsonNode data = plot("reliability-diagram").get("data");
    JsonNode bars = data.get(0);
    assertEquals("bar", bars.get("type").asText());
    assertEquals(ClassificationMetrics.BINS, bars.get("y").size());
    int rows = 0;
    for (JsonNode count : bars.get("y")) {
      rows += count.asInt();
    }
    assertEquals(test.rows(), rows);
    // The diagonal, then a point per non-empty bin, each a mean confidence inside its bin.
    assertEquals(List.of(0, 1), List.of(data.get(1).get("x").get(0).asInt(),
        data.get(1).get("x").get(1).asInt()));
    JsonNode points = data.get(2);
    for (int b = 0; b < ClassificationMetrics.BINS; b++) {
      JsonNode x = points.get("x").get(b);
      assertEquals(bars.get("y").get(b).asInt() == 0, x.isNull(), "bin " + b);
      if (!x.isNull()) {
        assertTrue(x.asDouble() >= b / 15.0 - 1e-6 && x.asDouble() <= (b + 1) / 15.0 + 1e-6);
      }
    }
    double ece =
        ClassificationMetrics.compute(model.predict(test).means(), test.targets(), 3)
            .calibrationError();
    assertTrue(
        body().contains(String.format(Locale.ROOT, "<strong>%.4f</strong>", ece)),
        "the expected calibration error " + ece);
  }

  @Test
  void theEmbeddingIsColouredByTheTrueClass() {
    float[] oneHot = model.rows().trainingTargets();
    int[] perClass = new int[3];
    for (int r = 0; r < model.rows().training(); r++) {
      perClass[classOf(oneHot, r)]++;
    }
    for (String id : List.of("embedding-principal", "raw-principal")) {
      JsonNode data = plot(id).get("data");
      assertEquals(3, data.size(), id + ": a trace per class");
      for (int c = 0; c < 3; c++) {
        JsonNode trace = data.get(c);
        assertEquals("scatter", trace.get("type").asText());
        assertEquals(LABELS.get(c), trace.get("name").asText());
        assertEquals(perClass[c], trace.get("x").size(), id + " " + LABELS.get(c));
        assertEquals(perClass[c], trace.get("y").size());
        assertEquals(ClassPalette.colour(c), trace.get("marker").get("color").asText());
      }
    }
  }

  @Test
  void theMetricsTableScoresTheModelTheNetworkAndKnnInEachSpace() {
    String body = body();
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<tr(?: class=\"best\")?><td>([^<]*)</td>").matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertEquals(5, names.size(), names.toString());
    assertTrue(names.get(0).startsWith("as fitted: "), names.get(0));
    assertEquals("mlp", names.get(1));
    assertTrue(names.stream().skip(2).allMatch(n -> n.startsWith("knn")), names.toString());
    assertEquals(1, body.split("<tr class=\"best\">", -1).length - 1);
    ClassificationMetrics fitted =
        ClassificationMetrics.compute(model.predict(test).means(), test.targets(), 3);
    assertTrue(body.contains(String.format(Locale.ROOT, "%.4f", fitted.logLoss())));
    assertTrue(body.contains("90% set coverage"));
    assertFalse(body.contains("<td class=\"num\">–</td>"), "the model has prediction sets");
  }

  @Test
  void theKeyFiguresAreWrittenAsPng(@TempDir Path dir) throws IOException {
    List<Path> files = report.writeImages(dir);
    assertEquals(
        List.of("loss.png", "embedding.png", "raw.png", "confusion.png", "reliability.png"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    for (Path f : files) {
      BufferedImage image = ImageIO.read(f.toFile());
      assertNotNull(image, f + " is an image");
      assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, f.toString());
    }
  }

  @Test
  void aClassifierTakesItsTargetColumnAndNoReferenceFunction() {
    assertNotNull(Report.builder(model, test).target("kind"));
    assertThrows(
        IllegalArgumentException.class, () -> Report.builder(model, test).target("kind=low"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Report.builder(model, test).truth(ReferenceFunction.E2));
  }
}
