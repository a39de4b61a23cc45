package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.precond.conformal.Difficulty;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.metrics.RegressionMetrics;
import org.precond.nn.Ensemble;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.Objective;

class PrecondModelTest {

  @TempDir static Path dir;

  private static PrecondModel model;
  private static Dataset test;

  @BeforeAll
  static void fit() {
    model =
        Regressor.builder().width(16).depth(3).steps(300).seed(5).validationFraction(0.2)
            .threads(2).build()
            .fit(ReferenceFunction.E2.uniform(500, 1));
    test = ReferenceFunction.E2.uniform(200, 2);
  }

  @Test
  void learnsInTheDataUnits() {
    float[] predicted = model.predict(test).means();
    double r2 = RegressionMetrics.compute(test.targets(), predicted, 1).r2(0);
    assertTrue(r2 > 0.95, "R² on held-out E2 points: " + r2);
    // The validation rows calibrate; the predictor's nodes are every row.
    assertEquals(100, model.calibration().rows());
    assertEquals(500, model.rows().training());
    assertEquals(100, model.rows().validation().length);
  }

  @Test
  void theBuilderDefaultsChooseThePredictorAndCalibrateOnTheValidationRows() {
    Regressor r = Regressor.builder().build();
    assertNull(r.predictor(), "chosen when fitting");
    assertEquals(Regressor.DEFAULT_CALIBRATION, r.calibration());
    assertEquals(32, r.training().width());
    assertEquals(8, r.training().depth());
  }

  /** Every method in every space, of the targets and of the residuals, and the network. */
  static Stream<PredictorSpec> everyPredictor() {
    List<PredictorSpec> all = new ArrayList<>();
    all.add(PredictorSpec.NETWORK);
    List<InterpolantSpec> specs = new ArrayList<>();
    for (Method m : Method.values()) {
      specs.add(InterpolantSpec.of(m));
    }
    specs.add(new InterpolantSpec(Method.KNN, 3, 2, true));
    specs.add(new InterpolantSpec(Method.SHEPARD, InterpolantSpec.ALL, 2, false));
    for (boolean residual : new boolean[] {false, true}) {
      for (Space space : Space.values()) {
        for (InterpolantSpec spec : specs) {
          all.add(new PredictorSpec(spec, space, residual));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("everyPredictor")
  void everyPredictorRoundTripsThroughAFileBitForBit(PredictorSpec spec) throws IOException {
    PrecondModel variant = model.withPredictor(spec);
    Path file = dir.resolve(spec.describe().replaceAll("[^a-z0-9]+", "_") + ".pcm");
    variant.save(file);
    PrecondModel loaded = PrecondModel.load(file).withThreads(3);
    assertEquals(variant.predictorSpec(), loaded.predictorSpec());
    Predictions before = variant.predict(test);
    Predictions after = loaded.predict(test);
    assertArrayEquals(before.means(), after.means());
    assertArrayEquals(before.networkMeans(), after.networkMeans());
    for (Difficulty d : Difficulty.values()) {
      assertArrayEquals(before.interval(0.9, d)[0], after.interval(0.9, d)[0], d.label());
      assertArrayEquals(before.interval(0.9, d)[1], after.interval(0.9, d)[1], d.label());
      assertArrayEquals(before.quantile(0.3, d), after.quantile(0.3, d), d.label());
    }
    assertEquals(before.neighbors() == null, after.neighbors() == null);
    if (before.neighbors() != null) {
      for (int q = 0; q < test.rows(); q += 17) {
        assertEquals(before.explain(q), after.explain(q));
      }
    }
    assertArrayEquals(variant.transform(test), loaded.transform(test));
  }

  @Test
  void aLoadedModelKeepsHowItWasMade() throws IOException {
    Path file = dir.resolve("provenance.pcm");
    model.save(file);
    PrecondModel loaded = PrecondModel.load(file);
    assertArrayEquals(model.network().members().get(0).parameters(), loaded.network().members().get(0).parameters());
    Provenance a = model.provenance();
    Provenance b = loaded.provenance();
    assertEquals(
        a.training().toBuilder().threads(1).build(), b.training().toBuilder().threads(1).build());
    assertArrayEquals(a.history().loss(), b.history().loss());
    assertArrayEquals(a.history().validationLoss(), b.history().validationLoss());
    assertEquals(a.history().message(), b.history().message());
    assertEquals(a.dataFingerprint(), b.dataFingerprint());
    assertEquals(a.created(), b.created());
    assertEquals(a.kernels(), b.kernels());
    assertEquals(a.calibrationFraction(), b.calibrationFraction());
    assertArrayEquals(
        model.rows().trainingRowNumbers(), loaded.rows().trainingRowNumbers());
  }

  @Test
  void theChoiceIsTheCandidateWithTheLowestValidationErrorAsItsPredictorScoresIt() {
    List<Candidate> candidates = model.provenance().candidates();
    assertEquals(
        13, candidates.size(), "the network; 3 weightings × 2 spaces × targets or residuals");
    for (int i = 1; i < candidates.size(); i++) {
      assertTrue(candidates.get(i - 1).error() <= candidates.get(i).error());
    }
    // The best, or the network when the best is not clearly better.
    PredictorSpec chosen = model.predictorSpec();
    assertTrue(
        chosen.equals(candidates.get(0).spec()) || chosen.equals(PredictorSpec.NETWORK), chosen.describe());
    assertTrue(candidates.stream().anyMatch(c -> c.spec().equals(chosen)));
    // Each candidate's error is what its own predictor, fitted on the rows the network trained
    // on, makes of the validation rows.
    KeptRows rows = model.rows();
    var prep = model.preprocessing();
    try (Variants variants = model.variants(false)) {
      RowPass validation =
          RowPass.of(model.network(), prep.inputs(rows.features(rows.validation())), false,
              variants.workers());
      float[] y = prep.targets(rows.targets(rows.validation()));
      for (Candidate c : candidates) {
        Predictor p =
            Predictor.fit(c.spec(), model.network(), variants.fittingPass(),
                variants.fittingTargets(), variants.workers());
        float[] predicted = p.estimate(validation, variants.workers()).mean();
        double mse = 0;
        for (int i = 0; i < y.length; i++) {
          mse += (predicted[i] - y[i]) * (double) (predicted[i] - y[i]) / y.length;
        }
        assertEquals(mse, c.error(), 1e-6 * Math.max(1, mse), c.spec().describe());
      }
    }
  }

  @Test
  void anEnsembleAveragesItsNetworksSideBySideAndIsTheSameWhateverTheThreads() throws IOException {
    Dataset train = ReferenceFunction.E2.uniform(300, 1);
    Regressor.Builder b = Regressor.builder().width(8).depth(2).steps(60).ensemble(3).seed(2);
    PrecondModel one = b.threads(1).build().fit(train);
    PrecondModel three = b.threads(3).build().fit(train);
    assertEquals(3, one.network().size());
    assertEquals(3, one.provenance().histories().size());
    for (int m = 0; m < 3; m++) {
      assertArrayEquals(
          one.network().members().get(m).parameters(),
          three.network().members().get(m).parameters());
    }
    assertArrayEquals(one.predict(test).means(), three.predict(test).means());
    // The members differ, the output is their mean and the embedding theirs side by side.
    Ensemble e = one.network();
    float[] scaled = one.preprocessing().inputs(test);
    float[] x = e.encoding().encode(scaled);
    try (org.precond.concurrent.Workers w = new org.precond.concurrent.Workers(1)) {
      float[][] outputs = new float[3][];
      for (int m = 0; m < 3; m++) {
        outputs[m] = e.members().get(m).predict(x, w);
      }
      assertTrue(!java.util.Arrays.equals(outputs[0], outputs[1]));
      float[] mean = e.forward(scaled, w).output();
      for (int i = 0; i < mean.length; i++) {
        assertEquals((outputs[0][i] + outputs[1][i] + outputs[2][i]) / 3, mean[i], 1e-6f);
      }
      float[] embedding = one.transform(test);
      assertEquals(test.rows() * 24, embedding.length);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(e.members().get(1).embed(x, w), 8, 16),
          java.util.Arrays.copyOfRange(embedding, 24 + 8, 24 + 16));
    }
    Path file = dir.resolve("ensemble.pcm");
    one.save(file);
    PrecondModel loaded = PrecondModel.load(file);
    assertArrayEquals(one.predict(test).means(), loaded.predict(test).means());
    assertEquals(one.provenance().histories().get(2).message(),
        loaded.provenance().histories().get(2).message());
  }

  /** Fits E2 with the given search and threads, the choice of predictor left to the fit. */
  private static PrecondModel fitE2(NeighborSearch search, int threads) {
    return Regressor.builder().width(8).depth(2).steps(100).seed(3).validationFraction(0.2)
        .neighborSearch(search).threads(threads).build()
        .fit(ReferenceFunction.E2.uniform(1_500, 4));
  }

  @Test
  void anHnswModelStoresItsGraphAndAnswersTheSameWhateverTheThreads() throws IOException {
    PrecondModel one = fitE2(NeighborSearch.HNSW, 1);
    PrecondModel two = fitE2(NeighborSearch.HNSW, 2);
    assertNotNull(one.predictor().graph());
    for (PredictorSpec spec :
        List.of(PredictorSpec.NETWORK, PredictorSpec.of(new InterpolantSpec(Method.KNN, 5, 2, false),
            Space.EMBEDDING))) {
      PrecondModel a = one.withPredictor(spec);
      assertNull(a.predictor().graph(), "variants search exactly");
    }
    Path file = dir.resolve("hnsw.pcm");
    one.save(file);
    PrecondModel loaded = PrecondModel.load(file).withThreads(3);
    assertNotNull(loaded.predictor().graph());
    Predictions expected = one.predict(test);
    for (PrecondModel other : List.of(two, loaded)) {
      Predictions p = other.predict(test);
      assertArrayEquals(expected.means(), p.means());
      for (Difficulty d : Difficulty.values()) {
        assertArrayEquals(expected.interval(0.9, d)[0], p.interval(0.9, d)[0], d.label());
      }
    }
  }

  @Test
  void theTableAndTheObjectiveSetTheNetworksUnlessTheCountIsGiven() {
    Regressor auto = Regressor.builder().build();
    assertEquals(Regressor.AUTO_ENSEMBLE, auto.ensemble());
    assertEquals(6, auto.ensembleFor(4_999, false, Objective.LINEAR));
    assertEquals(3, auto.ensembleFor(5_000, false, Objective.LINEAR));
    assertEquals(3, auto.ensembleFor(100, true, Objective.LINEAR));
    assertEquals(6, auto.ensembleFor(4_999, false, Objective.NEIGHBORS));
    assertEquals(1, auto.ensembleFor(5_000, false, Objective.NEIGHBORS));
    assertEquals(3, auto.ensembleFor(100, true, Objective.BOTH));
    assertEquals(1, auto.ensembleFor(5_000, true, Objective.BOTH));
    assertEquals(
        2, Regressor.builder().ensemble(2).build().ensembleFor(100, false, Objective.NEIGHBORS));
    assertEquals(6, model.network().size(), "the 500-row model of this class");
  }

  /**
   * Pure noise: any fitting is overfitting, so the first network keeps one of its first steps,
   * and the recipe trains at a tenth of its rate — but never changes a rate the caller gave.
   */
  @Test
  void theRecipeLowersTheRateWhenTheFirstNetworkOverfitsAtOnce() {
    int rows = 200;
    SplittableRandom random = new SplittableRandom(11);
    float[] x = new float[rows * 3];
    float[] y = new float[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    for (int i = 0; i < rows; i++) {
      y[i] = (float) random.nextGaussian();
    }
    Dataset noise = new Dataset(rows, x, List.of("a", "b", "c"), y, List.of("y"));
    for (boolean given : new boolean[] {false, true}) {
      List<String> heard = new ArrayList<>();
      Regressor.Builder b =
          Regressor.builder().width(32).depth(2).steps(400).ensemble(2).seed(1).threads(2);
      if (given) {
        b.learningRate(0.003);
      }
      PrecondModel fitted = b.build().fit(noise, finishedTasks(heard));
      double rate = fitted.provenance().training().learningRate();
      if (given) {
        assertTrue(heard.stream().noneMatch(t -> t.startsWith("training the first network")),
            heard.toString());
        assertEquals(0.003, rate);
      } else {
        assertTrue(heard.get(0).startsWith("training the first network again at a rate of 0.00030"),
            heard.toString());
        assertEquals(0.003 / 10, rate);
        assertTrue(fitted.provenance().histories().stream().allMatch(h -> h.loss().length == 400));
      }
    }
  }

  /**
   * By default a regressor trains its networks for their output, and one more for its
   * neighbours; if that one's best predictor does clearly better on the validation rows than the
   * ensemble's, the ensemble is trained for its neighbours instead:
   * a noisy plane is the output's (neither does clearly better: the noise is most of the
   * error), a lookup of unrelated values by cell of a grid the neighbours'. The model says which,
   * and one trained for its neighbours predicts with neighbours only, in their shape of network.
   */
  @Test
  void theDefaultTrainsForTheObjectiveThatPredictsTheValidationRowsBetter() {
    int rows = 10 * Regressor.OBJECTIVE_ROWS;
    SplittableRandom random = new SplittableRandom(5);
    double[] cells = new double[64];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = random.nextGaussian();
    }
    for (boolean lookup : new boolean[] {false, true}) {
      float[] x = new float[rows * 2];
      float[] y = new float[rows];
      for (int i = 0; i < rows; i++) {
        double a = random.nextDouble();
        double b = random.nextDouble();
        x[2 * i] = (float) a;
        x[2 * i + 1] = (float) b;
        y[i] = (float) (lookup
            ? cells[(int) (a * 8) * 8 + (int) (b * 8)]
            : 2 * a - b + 0.3 * random.nextGaussian());
      }
      Dataset data = new Dataset(rows, x, List.of("a", "b"), y, List.of("y"));
      List<String> heard = new ArrayList<>();
      PrecondModel fitted =
          Regressor.builder().steps(300).ensemble(2).seed(3).threads(2).build()
              .fit(data, finishedTasks(heard));
      Objective expected = lookup ? Objective.NEIGHBORS : Objective.LINEAR;
      String told =
          lookup
              ? "training the networks for their neighbours"
              : "keeping the networks trained for their output";
      assertTrue(heard.stream().anyMatch(t -> t.startsWith(told)), heard.toString());
      assertTrue(heard.stream().noneMatch(t -> t.contains("bins")), "only classifiers compare");
      assertEquals(expected, fitted.provenance().training().objective());
      int width = fitted.network().members().get(1).architecture().width();
      assertEquals(lookup ? Regressor.NEIGHBOR_WIDTH : 32, width);
      if (lookup) {
        assertTrue(fitted.predictorSpec().interpolant() != null, "predicts with neighbours");
        assertTrue(!fitted.predictorSpec().residual(), "the output is not a base");
        // The rule the networks trained for, unless another was clearly better.
        PredictorSpec chosen = fitted.predictorSpec();
        boolean ownRule =
            chosen.interpolant().method() == Method.SOFTMAX && chosen.space() == Space.EMBEDDING;
        assertTrue(
            ownRule || chosen.equals(fitted.provenance().candidates().get(0).spec()),
            chosen.describe());
      }
    }
  }

  /** A listener that adds each task to {@code heard} as it finishes. */
  static FitListener finishedTasks(List<String> heard) {
    return new FitListener() {
      @Override
      public void onStep(int step, int steps, double loss, double validationLoss) {}

      @Override
      public void onWork(String task, long done, long total) {
        if (done == total) {
          heard.add(task);
        }
      }
    };
  }

  @Test
  void aFitListenerHearsOfEveryLongStepFromStartToEnd() {
    List<String> heard = new ArrayList<>();
    Regressor.builder().width(8).depth(2).steps(20).seed(3).validationFraction(0.2)
        .neighborSearch(NeighborSearch.HNSW).threads(2).build()
        .fit(ReferenceFunction.E2.uniform(300, 4), new FitListener() {
          @Override
          public void onStep(int step, int steps, double loss, double validationLoss) {}

          @Override
          public void onWork(String task, long done, long total) {
            if (done == 0 || done == total) {
              heard.add(task + (done == 0 ? " starts" : " ends"));
            }
          }
        });
    assertEquals(
        List.of(
            "choosing the predictor on 60 of 60 validation rows starts",
            "choosing the predictor on 60 of 60 validation rows ends",
            "fitting and calibrating the predictor on 60 of 60 rows starts",
            "indexing 300 training rows in an HNSW graph starts",
            "indexing 300 training rows in an HNSW graph ends",
            "fitting and calibrating the predictor on 60 of 60 rows ends"),
        heard);
  }

  @Test
  void anHnswModelPredictsMuchAsAnExactOne() {
    PrecondModel exact = fitE2(NeighborSearch.EXACT, 2);
    PrecondModel hnsw = fitE2(NeighborSearch.HNSW, 2);
    assertNull(exact.predictor().graph());
    assertEquals(exact.predictorSpec(), hnsw.predictorSpec());
    double a = RegressionMetrics.compute(test.targets(), exact.predict(test).means(), 1).rmse(0);
    double b = RegressionMetrics.compute(test.targets(), hnsw.predict(test).means(), 1).rmse(0);
    assertEquals(a, b, 0.05 * a, "RMSE exact " + a + ", hnsw " + b);
  }

  @Test
  void autoSearchesExactlyBelowTheThreshold() {
    assertEquals(NeighborSearch.EXACT, NeighborSearch.AUTO.resolve(Regressor.HNSW_FROM - 1));
    assertEquals(NeighborSearch.HNSW, NeighborSearch.AUTO.resolve(Regressor.HNSW_FROM));
    assertEquals(NeighborSearch.EXACT, NeighborSearch.EXACT.resolve(Regressor.HNSW_FROM));
    assertNull(fitE2(NeighborSearch.AUTO, 2).predictor().graph());
  }

  @Test
  void manyRowsAreSampledToCalibrate() {
    int[] rows = new int[50];
    java.util.Arrays.setAll(rows, i -> 2 * i);
    int[] sample = Variants.sample(rows, 20, 9);
    assertEquals(20, sample.length);
    for (int i = 0; i < sample.length; i++) {
      assertEquals(0, sample[i] % 2, "a row offered");
      assertTrue(i == 0 || sample[i] > sample[i - 1], "ascending, no repeats");
    }
    assertArrayEquals(sample, Variants.sample(rows, 20, 9));
    assertTrue(Variants.sample(rows, 50, 9) == rows, "all rows when they are few enough");
  }

  /**
   * A model trained for its neighbours predicts with an interpolant in its embedding (its output
   * layer never trained), is the same whatever the threads, and its file says how it was trained.
   */
  @Test
  void aModelTrainedForItsNeighboursPredictsFromThemAndKeepsItsObjective() throws IOException {
    Dataset train = ReferenceFunction.E2.uniform(300, 1);
    Regressor.Builder b =
        Regressor.builder().width(8).depth(2).steps(60).ensemble(2).seed(2)
            .objective(Objective.NEIGHBORS).candidateShare(0.3);
    PrecondModel one = b.threads(1).build().fit(train);
    PrecondModel four = b.threads(4).build().fit(train);
    assertArrayEquals(one.predict(test).means(), four.predict(test).means());
    assertTrue(!one.predictor().spec().isNetwork(), one.describe());
    assertTrue(one.describe().contains("objective neighbors"), one.describe());
    Path file = dir.resolve("neighbors.pcm");
    one.save(file);
    PrecondModel loaded = PrecondModel.load(file);
    assertEquals(Objective.NEIGHBORS, loaded.provenance().training().objective());
    assertEquals(0.3, loaded.provenance().training().candidateShare());
    assertArrayEquals(one.predict(test).means(), loaded.predict(test).means());
  }

  @Test
  void splitCalibrationHoldsRowsOutOfEverything() {
    PrecondModel split =
        Regressor.builder().width(8).depth(2).steps(50).calibration(0.2).threads(1).build()
            .fit(ReferenceFunction.E2.uniform(300, 1));
    KeptRows rows = split.rows();
    assertTrue(rows.splitCalibration());
    assertEquals(60, split.calibration().rows());
    assertEquals(240, rows.training());
    assertEquals(24, rows.validation().length);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int r : rows.allRowNumbers()) {
      assertTrue(seen.add(r), "row " + r + " kept twice");
    }
    assertEquals(300, seen.size());
  }

  @Test
  void neighboursAreTrainingRowsInTargetUnitsAlsoForResiduals() {
    PrecondModel residual =
        model.withPredictor(
            new PredictorSpec(new InterpolantSpec(Method.KNN, 4, 2, false), Space.EMBEDDING, true));
    Dataset train = ReferenceFunction.E2.uniform(500, 1);
    Predictions p = residual.predict(test);
    NeighborRows nb = p.neighbors();
    assertNotNull(nb);
    for (int q = 0; q < test.rows(); q++) {
      assertEquals(4, nb.count(q));
      for (int r = 0; r < 4; r++) {
        int row = nb.trainingRow(q, r);
        assertEquals(train.target(row, 0), nb.target(q, r, 0));
        assertEquals(train.feature(row, 1), nb.features(q, r)[1]);
      }
    }
  }

  @Test
  void theNetworkAloneNamesNoNeighbours() {
    Predictions p = model.withPredictor(PredictorSpec.NETWORK).predict(test);
    assertNull(p.neighbors());
    assertArrayEquals(p.networkMeans(), p.means());
    assertThrows(IllegalStateException.class, () -> p.explain(0));
  }

  @Test
  void anUncalibratedModelRefusesIntervals() {
    PrecondModel plain =
        Regressor.builder().width(8).depth(2).steps(50).calibration(0).build()
            .fit(ReferenceFunction.E2.uniform(60, 1));
    assertNull(plain.calibration());
    Predictions p = plain.predict(test);
    assertThrows(IllegalStateException.class, () -> p.interval(0.9));
  }

  @Test
  void refusesRowsWithOtherFeatures() {
    Dataset other = new Dataset(1, new float[] {1, 2}, List.of("a", "b"), new float[0], List.of());
    assertThrows(IllegalArgumentException.class, () -> model.predict(other));
  }

  @Test
  void aFileThatIsNotAModelIsRefusedWithItsName() throws IOException {
    Path file = dir.resolve("notes.pcm");
    Files.writeString(file, "hello, this is not a model");
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }
}
