package org.precond.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;

class ClassifierEvaluationTest {

  private static PrecondModel model;
  private static Dataset test;

  /** Two classes by the sign of u + v, one label in ten drawn at random. */
  private static Table table(int rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("u,v,side\n");
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      boolean above = random.nextInt(10) == 0 ? random.nextBoolean() : u + v > 0;
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", u, v, above ? "above" : "below"));
    }
    return CsvReader.withDefaults()
        .readTable(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "t");
  }

  @BeforeAll
  static void fit() throws IOException {
    model = Regressor.builder().width(8).depth(2).steps(200).ensemble(1).seed(1).threads(1)
        .calibration(0.2).build().fit(table(400, 1));
    test = model.encode(table(300, 2), "test");
  }

  @Test
  void scoresTheModelTheNetworkAndKnnInEachSpace() {
    List<ClassifierScores> scores = ClassifierEvaluation.run(model, test, 0.9);
    assertEquals(5, scores.size());
    assertTrue(scores.get(0).name().startsWith("as fitted: "), scores.get(0).name());
    assertEquals(PredictorSpec.NETWORK.describe(), scores.get(1).name());
    for (ClassifierScores s : scores.subList(2, 5)) {
      assertTrue(s.name().startsWith("knn"), s.name());
    }
    Predictions p = model.predict(test);
    assertEquals(
        ClassificationMetrics.compute(p.means(), test.targets(), 2), scores.get(0).metrics());
    // The sets by hand: how many hold the row's class, and how many classes they hold.
    boolean[][] sets = p.sets(0.9);
    int covered = 0;
    int size = 0;
    for (int r = 0; r < test.rows(); r++) {
      for (int c = 0; c < 2; c++) {
        size += sets[r][c] ? 1 : 0;
        covered += sets[r][c] && test.targets()[r * 2 + c] == 1 ? 1 : 0;
      }
    }
    assertEquals(covered / 300.0, scores.get(0).coverage(), 1e-12);
    assertEquals(size / 300.0, scores.get(0).setSize(), 1e-12);
    assertEquals(0.9, scores.get(0).level());
  }

  @Test
  void aRegressorIsRefused() {
    Dataset rows = new Dataset(20, new float[20], List.of("x"), new float[20], List.of("y"));
    PrecondModel regressor =
        Regressor.builder().width(4).depth(1).steps(10).threads(1).build().fit(rows);
    assertThrows(
        IllegalArgumentException.class, () -> ClassifierEvaluation.run(regressor, rows, 0.9));
  }
}
