package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvReader;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.synthetic.ReferenceFunction;

class IntervalsAndExplainTest {

  @TempDir Path dir;
  private Path train;
  private Path model;
  private Path rows;
  private Dataset trainingData;

  @BeforeEach
  void fit() throws IOException {
    train = dir.resolve("train.csv");
    model = dir.resolve("model.pcm");
    rows = dir.resolve("rows.csv");
    trainingData = ReferenceFunction.E2.uniform(500, 1);
    CsvWriter.write(trainingData, train);
    CsvWriter.write(ReferenceFunction.E2.uniform(30, 2), rows);
    Run run =
        Run.of("fit", "--data", train.toString(), "--model", model.toString(), "--width", "8",
            "--depth", "2", "--steps", "200", "--quiet");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void predictAddsIntervalQuantileAndNeighbourColumnsInTheDocumentedOrder() throws IOException {
    Path out = dir.resolve("pred.csv");
    Run run =
        Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
            out.toString(), "--interval", "0.9", "--quantiles", "0.1,0.5,0.9", "--neighbors", "2");
    assertEquals(0, run.exitCode(), run.err());
    Dataset p = CsvReader.builder().targets(List.of()).build().read(out);
    assertEquals(
        List.of("y", "y_lower", "y_upper", "y_q0.1", "y_q0.5", "y_q0.9",
            "neighbor_1_row", "neighbor_1_distance", "neighbor_1_weight", "neighbor_1_y",
            "neighbor_2_row", "neighbor_2_distance", "neighbor_2_weight", "neighbor_2_y"),
        p.featureNames());
    assertEquals(30, p.rows());
    for (int r = 0; r < p.rows(); r++) {
      assertTrue(p.feature(r, 1) <= p.feature(r, 0) && p.feature(r, 0) <= p.feature(r, 2));
      assertTrue(p.feature(r, 3) <= p.feature(r, 4) && p.feature(r, 4) <= p.feature(r, 5));
      // The named training row really has that target.
      int row = (int) p.feature(r, 6);
      assertEquals(trainingData.target(row - 1, 0), p.feature(r, 9));
      assertTrue(p.feature(r, 7) <= p.feature(r, 11), "nearest first");
    }
  }

  @Test
  void explainNamesRealTrainingRowsWithTheirValues() {
    Run run =
        Run.of("explain", "--model", model.toString(), "--data", rows.toString(), "--row", "4",
            "--neighbors", "3");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("predicting with knn"), lines.get(0));
    assertTrue(run.out().contains("row 4:"), run.out());
    assertTrue(run.out().contains("90% interval ["), run.out());
    List<String> table =
        lines.stream().dropWhile(l -> !l.contains("training row")).skip(1).toList();
    assertTrue(!table.isEmpty() && table.size() <= 3, run.out());
    for (String line : table) {
      String[] f = line.trim().split("\\s+");
      int row = Integer.parseInt(f[1]);
      assertEquals(Float.toString(trainingData.feature(row - 1, 0)), f[4], line);
      assertEquals(Float.toString(trainingData.feature(row - 1, 1)), f[5], line);
      assertEquals(Float.toString(trainingData.target(row - 1, 0)), f[6], line);
    }
  }

  @Test
  void intervalsNeedCalibrationRowsAndSayHowToGetThem() throws IOException {
    Run fit =
        Run.of("fit", "--data", train.toString(), "--model", model.toString(), "--width", "4",
            "--depth", "1", "--steps", "10", "--quiet", "--calibration", "0", "--validation", "0");
    assertEquals(0, fit.exitCode(), fit.err());
    Run run =
        Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out", "-",
            "--interval", "0.9");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--calibration") && run.err().contains("--validation"), run.err());
    assertTrue(Files.exists(model));
  }

  @Test
  void badLevelsAreUsageErrors() {
    for (String[] bad :
        new String[][] {{"--interval", "1.5"}, {"--quantiles", "0,0.5"}, {"--neighbors", "0"}}) {
      Run run =
          Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out", "-",
              bad[0], bad[1]);
      assertEquals(2, run.exitCode(), String.join(" ", bad) + ": " + run.err());
    }
  }
}
