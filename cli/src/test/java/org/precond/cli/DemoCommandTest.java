package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.Column;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.evaluate.Evaluation;
import org.precond.model.PrecondModel;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.OptimizerType;

class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void e2RunsFromDataToReport() throws IOException {
    Path out = dir.resolve("demo");
    Run run = Run.of("demo", "--exp", "e2", "--out", out.toString(), "--threads", "2");
    assertEquals(0, run.exitCode(), run.err());

    // 40 rows to train on and 10 to calibrate the intervals, as 'precond fit' splits them.
    assertEquals(50, CsvReader.withDefaults().read(out.resolve("train.csv")).rows());
    assertEquals(
        DemoCommand.TEST_ROWS, CsvReader.withDefaults().read(out.resolve("test.csv")).rows());
    PrecondModel model = PrecondModel.load(out.resolve("model.pcm"));
    assertEquals(8, model.network().architecture().width());
    assertEquals(4, model.network().architecture().depth());
    assertEquals(OptimizerType.LUX, model.provenance().training().optimizer());
    assertEquals(40, model.rows().training());
    assertEquals(10, model.calibration().rows());

    // The table: a header, then every estimator, the best starred.
    List<String> table =
        run.out().lines().takeWhile(line -> !line.isEmpty()).toList();
    assertEquals("target y", table.get(0));
    assertEquals(Evaluation.everyPredictor().size(), table.size() - 2);
    assertEquals(1, table.stream().filter(line -> line.startsWith("*")).count());

    Path html = out.resolve("report.html");
    assertTrue(Files.readString(html).contains("<section id=\"maps\">"));
    assertTrue(Files.readString(html).contains("<section id=\"calibration\">"));
    assertTrue(run.out().contains(html.toAbsolutePath().toString()), "says where the report is");
    for (String png : List.of("loss.png", "embedding.png", "raw.png", "maps.png", "errors.png")) {
      assertTrue(Files.size(out.resolve(png)) > 1000, png);
      assertTrue(run.out().contains(out.resolve(png).toString()), png + " named");
    }
  }

  @Test
  void e1ScoresARepresentativeSubset() {
    List<String> labels =
        DemoCommand.Experiment.E1.estimators().stream()
            .map(e -> e.isNetwork() ? "mlp" : e.space().label() + (e.residual() ? "+r" : ""))
            .distinct()
            .toList();
    assertEquals(List.of("mlp", "raw", "embedding"), labels);
    assertEquals(
        Evaluation.everyPredictor().size(), DemoCommand.Experiment.E2.estimators().size());
  }

  @Test
  void theClassesCutE1IntoThreeBands() {
    Dataset rows = ReferenceFunction.E1.uniform(500, 3);
    Table labelled = DemoCommand.classes(rows);
    Column.Categorical band = (Column.Categorical) labelled.targets().get(0);
    assertEquals(List.of("low", "mid", "high"), band.levels());
    for (int r = 0; r < rows.rows(); r++) {
      float y = rows.target(r, 0);
      String expected = y < -1.0 / 3 ? "low" : y > 1.0 / 3 ? "high" : "mid";
      assertEquals(expected, band.level(r));
    }
    assertEquals(rows.featureNames(), labelled.featureNames());
  }

  @Test
  void classesRunFromDataToReport() throws IOException {
    Path out = dir.resolve("classes");
    Run run = Run.of("demo", "--exp", "classes", "--out", out.toString(), "--threads", "2");
    assertEquals(0, run.exitCode(), run.err());
    PrecondModel model = PrecondModel.load(out.resolve("model.pcm"));
    assertEquals(List.of("low", "mid", "high").stream().sorted().toList(),
        model.preprocessing().classes().labels().stream().sorted().toList());
    assertTrue(run.out().startsWith("estimator"), run.out());
    assertTrue(run.out().contains("as fitted: "), run.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Confusion"), "a confusion matrix");
    for (String png : List.of("loss.png", "embedding.png", "confusion.png", "reliability.png")) {
      assertTrue(Files.isRegularFile(out.resolve(png)), png);
    }
  }

  @Test
  void anUnknownExperimentIsBadUsage() {
    Run run = Run.of("demo", "--exp", "e3", "--out", dir.resolve("x").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("precond: "), run.err());
    assertTrue(Files.notExists(dir.resolve("x")));
  }
}
