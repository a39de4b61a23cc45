package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.precond.conformal.SetScore;
import org.precond.data.CsvReader;
import org.precond.data.DataFormatException;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.metrics.ClassificationMetrics;
import org.precond.train.Objective;
import org.precond.space.Space;

/** A classifier fitted on a table whose target holds text labels. */
class ClassifierTest {

  @TempDir static Path dir;

  private static PrecondModel model;
  private static Dataset test;

  /** Three classes by angle around the origin, with one row in ten labelled at random. */
  private static String table(int rows, long seed) {
    Random random = new Random(seed);
    String[] names = {"low", "mid", "high"};
    StringBuilder sb = new StringBuilder("u,v,kind\n");
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      double angle = Math.atan2(v, u) + Math.PI;
      int c = random.nextInt(10) == 0 ? random.nextInt(3) : (int) (angle / (2 * Math.PI / 3)) % 3;
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", u, v, names[c]));
    }
    return sb.toString();
  }

  @BeforeAll
  static void fit() throws IOException {
    Path train = dir.resolve("train.csv");
    Files.writeString(train, table(1500, 1));
    model = Regressor.builder().width(16).depth(3).steps(600).ensemble(1).seed(2).threads(2)
        .build().fit(CsvReader.withDefaults().readTable(train));
    Path rows = dir.resolve("test.csv");
    Files.writeString(rows, table(2000, 2));
    test = model.readRows(rows);
  }

  @Test
  void learnsTheClassesAndNamesThemInOrder() {
    assertEquals(List.of("high", "low", "mid"), model.preprocessing().classes().labels());
    assertEquals(List.of("kind=high", "kind=low", "kind=mid"), model.targetNames());
    Predictions p = model.predict(test);
    ClassificationMetrics m = ClassificationMetrics.compute(p.means(), test.targets(), 3);
    // One label in ten is noise, a third of which still lands right: about 0.93 at best.
    assertTrue(m.accuracy() > 0.85, "accuracy " + m.accuracy());
    assertTrue(m.logLoss() < 0.5, "log loss " + m.logLoss());
    float[] probabilities = p.means();
    for (int r = 0; r < p.rows(); r++) {
      double total = 0;
      for (int c = 0; c < 3; c++) {
        assertTrue(probabilities[r * 3 + c] > 0);
        total += probabilities[r * 3 + c];
      }
      assertEquals(1, total, 1e-5);
    }
    String[] labels = p.labels();
    assertEquals(p.rows(), labels.length);
  }

  /**
   * Networks trained for their neighbours' vote (cross-entropy of the soft vote), alone or beside
   * their output, learn the same classes; alone, the untrained output has no say in the
   * probabilities.
   */
  @ParameterizedTest
  @EnumSource(value = Objective.class, names = {"NEIGHBORS", "BOTH"})
  void networksTrainedForTheirNeighboursVoteLearnTheClasses(Objective objective)
      throws IOException {
    Path train = dir.resolve("train-" + objective + ".csv");
    Files.writeString(train, table(1500, 1));
    PrecondModel fitted =
        Regressor.builder().objective(objective).steps(600).ensemble(1).seed(2).threads(2)
            .build().fit(CsvReader.withDefaults().readTable(train));
    assertEquals(objective, fitted.provenance().training().objective());
    assertEquals(Regressor.NEIGHBOR_WIDTH, fitted.network().architecture().width());
    Predictions p = fitted.predict(test);
    ClassificationMetrics m = ClassificationMetrics.compute(p.means(), test.targets(), 3);
    assertTrue(m.accuracy() > 0.85, objective + ": accuracy " + m.accuracy());
    // Votes alone are sharper than a network's probabilities: a wrong one costs more.
    double bound = objective == Objective.NEIGHBORS ? 0.6 : 0.5;
    assertTrue(m.logLoss() < bound, objective + ": log loss " + m.logLoss());
    if (objective == Objective.NEIGHBORS) {
      assertTrue(fitted.predictorSpec().interpolant() != null, "predicts with neighbours");
    }
  }

  @Test
  void predictionSetsCoverAboutTheirLevel() {
    for (PredictorSpec spec : List.of(
        PredictorSpec.NETWORK,
        new PredictorSpec(new InterpolantSpec(Method.KNN, 10, 2, false), Space.EMBEDDING, false))) {
      Predictions p = model.withPredictor(spec).predict(test);
      for (SetScore score : SetScore.values()) {
        boolean[][] sets = p.sets(0.9, score);
        int covered = 0;
        for (int r = 0; r < sets.length; r++) {
          for (int c = 0; c < 3; c++) {
            if (sets[r][c] && test.targets()[r * 3 + c] == 1) {
              covered++;
            }
          }
        }
        // 150 calibration rows: the coverage of one draw of them scatters by about ±0.025.
        double coverage = (double) covered / sets.length;
        assertTrue(coverage > 0.84 && coverage < 0.97, spec + " " + score + ": " + coverage);
      }
    }
  }

  @Test
  void roundTripsThroughAFileBitForBit() throws IOException {
    Path file = dir.resolve("classifier.pcm");
    PrecondModel knn =
        model.withPredictor(
            new PredictorSpec(new InterpolantSpec(Method.KNN, 7, 2, true), Space.WEIGHTED, true));
    knn.save(file);
    PrecondModel loaded = PrecondModel.load(file).withThreads(1);
    Predictions a = knn.predict(test);
    Predictions b = loaded.predict(test);
    assertArrayEquals(a.means(), b.means());
    assertArrayEquals(a.labels(), b.labels());
    for (SetScore score : SetScore.values()) {
      assertArrayEquals(a.sets(0.8, score), b.sets(0.8, score));
    }
    assertEquals(a.neighbors().label(0, 0), b.neighbors().label(0, 0));
    assertEquals(1.0 / 8, loaded.predictor().networkWeight(), "as one more of 7 neighbours");
    PrecondModel blended =
        knn.with(knn.predictor().withNetworkWeight(0.6).withTemperature(1.3), knn.calibration());
    blended.save(file);
    PrecondModel reloaded = PrecondModel.load(file).withThreads(1);
    assertEquals(0.6, reloaded.predictor().networkWeight());
    assertArrayEquals(blended.predict(test).means(), reloaded.predict(test).means());
  }

  @Test
  void itsProbabilitiesHaveATemperatureFittedOnEnoughValidationRowsThatTheFileKeeps()
      throws IOException {
    assertEquals(1, model.predictor().temperature(), "150 validation rows: too few to fit one");
    Path train = dir.resolve("large.csv");
    Files.writeString(train, table(6000, 3));
    Regressor.Builder b = Regressor.builder().width(8).depth(2).steps(300).ensemble(1).seed(4);
    PrecondModel large = b.threads(1).build().fit(CsvReader.withDefaults().readTable(train));
    double t = large.predictor().temperature();
    assertTrue(t != 1 && t > Temperature.MIN && t < Temperature.MAX, "temperature " + t);
    PrecondModel three = b.threads(3).build().fit(CsvReader.withDefaults().readTable(train));
    assertEquals(t, three.predictor().temperature(), "whatever the number of threads");
    assertEquals(large.predictor().networkWeight(), three.predictor().networkWeight());
    assertArrayEquals(large.predict(test).means(), three.predict(test).means());
    Path file = dir.resolve("tempered.pcm");
    large.save(file);
    PrecondModel loaded = PrecondModel.load(file).withThreads(1);
    assertEquals(t, loaded.predictor().temperature());
    assertArrayEquals(large.predict(test).means(), loaded.predict(test).means());
  }

  /**
   * A classifier that chooses its objective also trains a network on inputs in {@value
   * Regressor#FINE_BINS} bins, and keeps them when its validation rows say so: here the class
   * alternates over 24 stripes of one input, which {@value Regressor.Builder#ENCODING_BINS}
   * quantile bins cannot follow. Bins that are given are kept without a comparison.
   */
  @Test
  void aClassifierTakesFinerInputBinsWhenItsValidationRowsPreferThem() throws IOException {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder("u,v,kind\n");
    for (int r = 0; r < 6000; r++) {
      double u = random.nextDouble();
      String kind = (int) (u * 24) % 2 == 0 ? "even" : "odd";
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", u, random.nextDouble(), kind));
    }
    Path train = dir.resolve("stripes.csv");
    Files.writeString(train, sb.toString());
    Table table = CsvReader.withDefaults().readTable(train);
    Regressor.Builder b =
        Regressor.builder().width(16).depth(2).steps(300).ensemble(1).seed(5).threads(2);
    List<String> heard = new ArrayList<>();
    PrecondModel chosen = b.build().fit(table, PrecondModelTest.finishedTasks(heard));
    assertTrue(
        heard.stream().anyMatch(t -> t.startsWith("encoding the inputs in 32 bins")),
        heard.toString());
    assertEquals(Regressor.FINE_BINS, chosen.network().encoding().bins());
    heard.clear();
    PrecondModel given = b.encodingBins(16).build().fit(table, PrecondModelTest.finishedTasks(heard));
    assertTrue(heard.stream().noneMatch(t -> t.contains("bins")), heard.toString());
    assertEquals(16, given.network().encoding().bins());
  }

  @Test
  void aLabelTheModelNeverSawIsOneLineNamingIt() throws IOException {
    Path rows = dir.resolve("unknown.csv");
    Files.writeString(rows, "u,v,kind\n0.1,0.2,huge\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> model.readRows(rows));
    assertEquals(
        rows + ": target kind has the label \"huge\", which is not one of the model's classes "
            + "[high, low, mid]",
        e.getMessage());
    Path unlabelled = dir.resolve("unlabelled.csv");
    Files.writeString(unlabelled, "u,v\n0.1,0.2\n");
    assertEquals(1, model.predict(model.readRows(unlabelled)).labels().length);
  }
}
