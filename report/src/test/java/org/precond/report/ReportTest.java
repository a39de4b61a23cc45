package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.Dataset;
import org.precond.evaluate.Evaluation;
import org.precond.model.PredictorSpec;
import org.precond.model.PrecondModel;
import org.precond.synthetic.ReferenceFunction;

class ReportTest {

  private static PrecondModel model;
  private static Dataset test;
  private static Report report;

  @TempDir Path dir;

  @BeforeAll
  static void buildReport() {
    model = SmallModels.e2();
    test = SmallModels.e2Test(500);
    report = Report.builder(model, test).truth(ReferenceFunction.E2).build();
  }

  private String writeHtml() throws IOException {
    Path file = dir.resolve("report.html");
    report.writeHtml(file);
    return Files.readString(file);
  }

  /** The page's plot specifications, as its script reads them. */
  private static JsonNode plots(String html) throws IOException {
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"precond-plots\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "the plots' data is in the page");
    return JsonMapper.builder().build().readTree(m.group(1));
  }

  @Test
  void thePageHasEverySectionAndAPlaceForEveryPlot() throws IOException {
    String html = writeHtml();
    for (String section : List.of("training", "principal", "maps", "metrics")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
      assertTrue(html.contains("<a href=\"#" + section + "\">"), "linked from the top: " + section);
    }
    JsonNode plots = plots(html);
    List<String> ids = new ArrayList<>();
    plots.forEach(p -> ids.add(p.get("id").asText()));
    assertEquals(
        List.of("training-loss", "embedding-principal", "raw-principal", "truth-map", "map-0",
            "map-1", "map-2", "error-map-0", "error-map-1", "error-map-2"),
        ids);
    for (String id : ids) {
      assertTrue(html.contains("<div class=\"plot\" id=\"" + id + "\"></div>"), id);
    }
    assertEquals("scatter3d", plots.get(1).get("data").get(0).get("type").asText());
    assertEquals("log", plots.get(0).get("layout").get("yaxis").get("type").asText());
  }

  @Test
  void thePageNeedsNoNetwork() throws IOException {
    String html = writeHtml();
    assertFalse(Pattern.compile("src=\"https?:").matcher(html).find(), "no external script");
    assertFalse(
        Pattern.compile("<link[^>]+href=\"https?:").matcher(html).find(), "no external styles");
    assertTrue(html.contains("plotly.js v" + PlotlyLibrary.get().version()), "Plotly is inlined");
    assertTrue(html.contains("Permission is hereby granted"), "with its MIT licence");
    // The only </script> tags are those that close the page's own three script elements.
    assertEquals(3, html.split("</script>", -1).length - 1);
  }

  @Test
  void theEmbeddingPlotShowsTheTargetOverTwoComponents() throws IOException {
    JsonNode trace = plots(writeHtml()).get(1).get("data").get(0);
    int n = model.rows().training();
    assertEquals(n, trace.get("x").size());
    assertEquals(n, trace.get("y").size());
    float[] targets = model.rows().trainingTargets();
    for (int i = 0; i < n; i++) {
      assertEquals(targets[i], trace.get("z").get(i).floatValue(), "row " + i);
    }
  }

  @Test
  void theMetricsTableHasEveryPredictorAndMarksTheBest() throws IOException {
    // The page's body: the minified Plotly.js in the head has "<tr" in its code (i<tr...).
    String html = writeHtml();
    String body = html.substring(html.indexOf("</head>"));
    int rows = Evaluation.everyPredictor().size();
    assertEquals(rows, report.metrics().rows().size());
    assertEquals(rows + 1, body.split("<tr", -1).length - 1, "a header and a row per estimator");
    assertEquals(1, body.split("<tr class=\"best\">", -1).length - 1);
    MetricsTable.Row best = report.metrics().rows().get(report.metrics().best(0));
    for (MetricsTable.Row row : report.metrics().rows()) {
      assertTrue(best.rmse(0) <= row.rmse(0));
    }
  }

  @Test
  void bigPointCloudsAreSampledDown() {
    PrecondModel big = SmallModels.train(ReferenceFunction.E1.uniform(6_000, 3), 4, 2);
    PrincipalView view =
        PrincipalView.of(big, big.trainingPass(), org.precond.space.Space.EMBEDDING, 0, Report.MAX_POINTS);
    assertEquals(Report.MAX_POINTS, view.first().length);
    assertEquals(Report.MAX_POINTS, view.target().length);
    // Components and figures still come from every row.
    assertTrue(view.linearity().embeddingR2(0) > 0);
  }

  @Test
  void theHtmlIsWrittenAtomically() throws IOException {
    Path file = dir.resolve("report.html");
    Files.writeString(file, "previous");
    Section broken =
        new Section() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public String title() {
            return "Broken";
          }

          @Override
          public String body() {
            throw new UncheckedIOException(new IOException("disk full"));
          }

          @Override
          public List<Plot> plots() {
            return List.of();
          }
        };
    HtmlReport html = new HtmlReport("t", "", List.of(report.sections().get(0), broken));
    assertThrows(UncheckedIOException.class, () -> html.write(file));
    assertEquals("previous", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void aMissingDirectoryIsNamed() {
    Path file = dir.resolve("missing").resolve("report.html");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> report.writeHtml(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void sectionIdsMustBeUnique() {
    Section training = report.sections().get(0);
    assertThrows(
        IllegalArgumentException.class, () -> new HtmlReport("t", "", List.of(training, training)));
  }

  @Test
  void theKeyFiguresAreWrittenAsPng() throws IOException {
    List<Path> files = report.writeImages(dir);
    assertEquals(
        List.of("loss.png", "embedding.png", "raw.png", "maps.png", "errors.png"),
        files.stream().map(p -> p.getFileName().toString()).toList());
    for (Path f : files) {
      BufferedImage image = ImageIO.read(f.toFile());
      assertNotNull(image, f + " is an image");
      assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, f.toString());
    }
    // With the truth: four maps two by two, and three error maps side by side.
    BufferedImage maps = ImageIO.read(dir.resolve("maps.png").toFile());
    BufferedImage errors = ImageIO.read(dir.resolve("errors.png").toFile());
    assertTrue(maps.getWidth() < 2 * maps.getHeight(), "two by two");
    assertTrue(errors.getWidth() > 3 * errors.getHeight(), "a row of three");
  }

  @Test
  void aModelOfOtherThanTwoInputsHasNoMaps() {
    Dataset three =
        new Dataset(
            60, randomBlock(180), List.of("a", "b", "c"), randomBlock(60), List.of("y"));
    PrecondModel m = SmallModels.train(three, 4, 2);
    Report r =
        Report.builder(m, three).estimators(List.of(PredictorSpec.NETWORK)).build();
    assertEquals(
        List.of("training", "principal", "metrics"),
        r.sections().stream().map(Section::id).toList());
    assertThrows(
        IllegalArgumentException.class,
        () -> Report.builder(m, three).truth(ReferenceFunction.E1).build());
  }

  private static float[] randomBlock(int n) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble();
    }
    return v;
  }
}
