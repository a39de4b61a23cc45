package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvWriter;
import org.precond.synthetic.ReferenceFunction;

class ReportCommandTest {

  @TempDir Path dir;
  private Path model;
  private Path test;

  @BeforeEach
  void fitASmallModel() throws IOException {
    Path train = dir.resolve("train.csv");
    test = dir.resolve("test.csv");
    model = dir.resolve("model.pcm");
    CsvWriter.write(ReferenceFunction.E2.uniform(40, 1), train);
    CsvWriter.write(ReferenceFunction.E2.uniform(300, 2), test);
    Run fit =
        Run.of("fit", "--data", train.toString(), "--model", model.toString(), "--width", "8",
            "--depth", "4", "--steps", "200", "--optimizer", "lux", "--quiet");
    assertEquals(0, fit.exitCode(), fit.err());
  }

  @Test
  void writesThePageAndOnRequestTheFigures() throws IOException {
    Path out = dir.resolve("report.html");
    Path images = dir.resolve("figures");
    Run run =
        Run.of("report", "--model", model.toString(), "--data", test.toString(), "--out",
            out.toString(), "--truth", "e2", "--images", images.toString());
    assertEquals(0, run.exitCode(), run.err());
    String html = Files.readString(out);
    for (String section : List.of("training", "principal", "maps", "metrics")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    assertTrue(html.contains("id=\"truth-map\""), "the true function is drawn");
    assertFalse(html.matches("(?s).*src=\"https?:.*"), "no external script");
    for (String png : List.of("loss.png", "embedding.png", "raw.png", "maps.png", "errors.png")) {
      assertTrue(Files.size(images.resolve(png)) > 1000, png);
      assertTrue(run.out().contains(images.resolve(png).toString()), run.out());
    }
    assertTrue(run.out().startsWith("wrote " + out), run.out());
  }

  @Test
  void withoutTheTruthTheErrorsAreAtTheTestRows() throws IOException {
    Path out = dir.resolve("report.html");
    Run run = Run.of("report", "--model", model.toString(), "--data", test.toString(), "--out",
        out.toString());
    assertEquals(0, run.exitCode(), run.err());
    String html = Files.readString(out);
    assertFalse(html.contains("id=\"truth-map\""));
    assertTrue(html.contains("Prediction minus target at the test rows"));
  }

  @Test
  void anUnknownTargetIsBadUsage() {
    Run run = Run.of("report", "--model", model.toString(), "--data", test.toString(), "--out",
        dir.resolve("r.html").toString(), "--target", "z");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("precond: the model has no target 'z'"), run.err());
    assertFalse(Files.exists(dir.resolve("r.html")));
  }

  @Test
  void testRowsWithoutTheTargetFailNamingTheFile() throws IOException {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "x1,x2\n0.1,0.2\n");
    Run run = Run.of("report", "--model", model.toString(), "--data", rows.toString(), "--out",
        dir.resolve("r.html").toString());
    assertEquals(1, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(rows.toString()), run.err());
    assertFalse(Files.exists(dir.resolve("r.html")));
  }

  /** Labels in the target column make a classifier, whose report shows its classes. */
  @Test
  void aClassifiersReportShowsItsClasses() throws IOException {
    Path train = dir.resolve("labels.csv");
    Path rows = dir.resolve("labels-test.csv");
    Path classifier = dir.resolve("classifier.pcm");
    Files.writeString(train, labelled(200, 1));
    Files.writeString(rows, labelled(100, 2));
    Run fit =
        Run.of("fit", "--data", train.toString(), "--model", classifier.toString(), "--width",
            "8", "--depth", "2", "--steps", "100", "--quiet");
    assertEquals(0, fit.exitCode(), fit.err());
    Path out = dir.resolve("classes.html");
    Path images = dir.resolve("class-figures");
    Run run =
        Run.of("report", "--model", classifier.toString(), "--data", rows.toString(), "--out",
            out.toString(), "--images", images.toString(), "--target", "side");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("scoring the classifier and its variants on 100 test rows"));
    String html = Files.readString(out);
    for (String section : List.of("training", "principal", "metrics", "confusion", "reliability")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    assertFalse(html.contains("<section id=\"maps\">"), "no maps of a classifier");
    assertFalse(html.contains("<section id=\"calibration\">"), "no intervals of a classifier");
    for (String png :
        List.of("loss.png", "embedding.png", "raw.png", "confusion.png", "reliability.png")) {
      assertTrue(Files.size(images.resolve(png)) > 1000, png);
    }
    Run truth =
        Run.of("report", "--model", classifier.toString(), "--data", rows.toString(), "--out",
            dir.resolve("t.html").toString(), "--truth", "e2");
    assertEquals(2, truth.exitCode(), truth.err());
    assertTrue(
        truth.err().startsWith("precond: a reference function is for a regressor"), truth.err());
  }

  /** Two inputs and a label, {@code above} or {@code below} the line u + v = 0. */
  private static String labelled(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("u,v,side\n");
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      csv.append(String.format(
          Locale.ROOT, "%.4f,%.4f,%s%n", u, v, u + v > 0 ? "above" : "below"));
    }
    return csv.toString();
  }
}
