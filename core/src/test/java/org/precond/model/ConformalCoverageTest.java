package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precond.conformal.Difficulty;
import org.precond.data.Dataset;

/**
 * Intervals on data with known heteroscedastic noise: y = sin(2 x₁) + ε, ε ~ N(0, (0.05 + 0.5
 * |x₂|)²). Coverage must match the level within what chance allows, and normalised intervals must
 * widen where the noise is larger.
 */
class ConformalCoverageTest {

  private static final int TEST_ROWS = 20_000;
  private static PrecondModel model;
  private static Dataset test;
  private static Predictions predictions;

  private static Dataset sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextDouble(-2, 2);
      double b = random.nextDouble(-2, 2);
      x[2 * i] = (float) a;
      x[2 * i + 1] = (float) b;
      y[i] = (float) (Math.sin(2 * a) + (0.05 + 0.5 * Math.abs(b)) * random.nextGaussian());
    }
    return new Dataset(n, x, List.of("x1", "x2"), y, List.of("y"));
  }

  @BeforeAll
  static void fit() {
    model =
        Regressor.builder().width(16).depth(3).steps(300).seed(3).calibration(0.3).build()
            .fit(sample(10_000, 1));
    test = sample(TEST_ROWS, 2);
    predictions = model.predict(test);
  }

  private static double coverage(float[][] interval) {
    int inside = 0;
    for (int i = 0; i < TEST_ROWS; i++) {
      float y = test.target(i, 0);
      if (y >= interval[0][i] && y <= interval[1][i]) {
        inside++;
      }
    }
    return inside / (double) TEST_ROWS;
  }

  @Test
  void coverageMatchesTheLevelForEveryDifficulty() {
    assertEquals(3000, model.calibration().rows());
    for (Difficulty d : Difficulty.values()) {
      for (double level : new double[] {0.8, 0.9, 0.95}) {
        double c = coverage(predictions.interval(level, d));
        // Chance in the test rows and in the 3,000 calibration rows, three standard deviations.
        double sd = Math.sqrt(level * (1 - level) * (1.0 / TEST_ROWS + 1.0 / 3000));
        assertEquals(level, c, 3 * sd, d + " at " + level);
      }
    }
  }

  @Test
  void calibratedOnTheValidationRowsCoverageStillMatchesTheLevel() {
    // The default: no rows held out of everything; the validation rows, which the network did
    // not train on and which chose the predictor, calibrate a twin fitted without them.
    PrecondModel shared =
        Regressor.builder().width(16).depth(3).steps(300).seed(3).validationFraction(0.3).build()
            .fit(sample(10_000, 1));
    assertEquals(3000, shared.calibration().rows());
    assertEquals(10_000, shared.rows().training());
    Predictions p = shared.predict(test);
    for (Difficulty d : Difficulty.values()) {
      for (double level : new double[] {0.8, 0.9, 0.95}) {
        double c = coverage(p.interval(level, d));
        double sd = Math.sqrt(level * (1 - level) * (1.0 / TEST_ROWS + 1.0 / 3000));
        assertEquals(level, c, 3 * sd, d + " at " + level);
      }
    }
  }

  @Test
  void normalisedIntervalsWidenWithTheNoise() {
    for (Difficulty d : new Difficulty[] {Difficulty.NONE, Difficulty.SPREAD}) {
      float[][] interval = predictions.interval(0.9, d);
      double quiet = 0;
      double noisy = 0;
      int nq = 0;
      int nn = 0;
      for (int i = 0; i < TEST_ROWS; i++) {
        double width = interval[1][i] - interval[0][i];
        double b = Math.abs(test.feature(i, 1));
        if (b < 0.5) {
          quiet += width;
          nq++;
        } else if (b > 1.5) {
          noisy += width;
          nn++;
        }
      }
      double ratio = (noisy / nn) / (quiet / nq);
      if (d == Difficulty.NONE) {
        assertEquals(1.0, ratio, 1e-6, "plain intervals have one width");
      } else {
        // The noise's standard deviation is about 4.5 times larger in the noisy band.
        assertTrue(ratio > 2, "spread-normalised width ratio noisy/quiet: " + ratio);
      }
    }
  }

  @Test
  void predictiveQuantilesAreCalibratedAndOrdered() {
    float[] q05 = predictions.quantile(0.05, Difficulty.SPREAD);
    float[] q50 = predictions.quantile(0.5, Difficulty.SPREAD);
    float[] q95 = predictions.quantile(0.95, Difficulty.SPREAD);
    int below05 = 0;
    int below95 = 0;
    for (int i = 0; i < TEST_ROWS; i++) {
      assertTrue(q05[i] <= q50[i] && q50[i] <= q95[i]);
      float y = test.target(i, 0);
      below05 += y <= q05[i] ? 1 : 0;
      below95 += y <= q95[i] ? 1 : 0;
    }
    assertEquals(0.05, below05 / (double) TEST_ROWS, 0.015);
    assertEquals(0.95, below95 / (double) TEST_ROWS, 0.015);
  }

  @Test
  void theConformalDistributionScoresBetterThanTheGaussianBaseline() {
    double cpd = 0;
    double gauss = 0;
    for (int i = 0; i < TEST_ROWS; i++) {
      cpd += predictions.crps(i, 0, test.target(i, 0), Difficulty.SPREAD);
      gauss += predictions.gaussianCrps(i, 0, test.target(i, 0));
    }
    assertTrue(cpd < gauss, "CRPS " + cpd / TEST_ROWS + " vs Gaussian " + gauss / TEST_ROWS);
  }
}
