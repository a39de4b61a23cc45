package org.precond.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

class LinearFitTest extends RandomizedTest {

  @Test
  void matchesHandComputedSimpleRegression() {
    // x = 1..4, y = 2, 3, 5, 4: slope Σdxdy/Σdx² = 4/5, intercept 3.5 − 0.8·2.5 = 1.5,
    // residuals −0.3, −0.1, 1.1, −0.7 so SSE = 1.8 against SST = 5.
    LinearFit fit = LinearFit.fit(new float[] {1, 2, 3, 4}, 1, new float[] {2, 3, 5, 4}, 1);
    assertEquals(0.8, fit.coefficient(0, 0), 1e-12);
    assertEquals(1.5, fit.intercepts()[0], 1e-12);
    assertEquals(1 - 1.8 / 5, fit.r2(0), 1e-6);
    assertArrayEquals(
        new float[] {2.3f, 3.1f, 3.9f, 4.7f}, fit.predict(new float[] {1, 2, 3, 4}), 1e-6f);
  }

  @Test
  void recoversKnownCoefficientsOfSeveralTargets() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 300;
    int d = 4;
    double[][] weights = {{1.5, -2}, {0, 0.25}, {-3, 1}, {0.5, 7}};
    double[] shifts = {10, -4};
    float[] x = gaussian(random, rows * d, 1);
    float[] y = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < 2; t++) {
        double sum = shifts[t];
        for (int c = 0; c < d; c++) {
          sum += weights[c][t] * x[r * d + c];
        }
        y[r * 2 + t] = (float) sum;
      }
    }
    LinearFit fit = LinearFit.fit(x, d, y, 2);
    assertEquals(d, fit.featureCount());
    assertEquals(2, fit.targetCount());
    for (int c = 0; c < d; c++) {
      for (int t = 0; t < 2; t++) {
        assertEquals(weights[c][t], fit.coefficient(c, t), 1e-5);
        assertEquals(weights[c][t], fit.coefficients()[c * 2 + t], 1e-5);
      }
    }
    assertArrayEquals(shifts, fit.intercepts(), 1e-5);
    for (double r2 : fit.r2()) {
      assertEquals(1, r2, 1e-10);
    }
  }

  @Test
  void independentNoiseExplainsAlmostNothing() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 5000;
    LinearFit fit = LinearFit.fit(gaussian(random, rows * 3, 1), 3, gaussian(random, rows, 1), 1);
    // In-sample R² of pure noise is about features / rows = 0.0006.
    assertTrue(fit.r2(0) >= 0 && fit.r2(0) < 0.01, "r2 " + fit.r2(0));
  }

  @Test
  void duplicateColumnsShareTheirWeight() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 50;
    float[] x = new float[rows * 3];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      float a = (float) random.nextGaussian();
      float b = (float) random.nextGaussian();
      x[r * 3] = a;
      x[r * 3 + 1] = b;
      x[r * 3 + 2] = a;
      y[r] = 2 * a + b + 1;
    }
    LinearFit fit = LinearFit.fit(x, 3, y, 1);
    assertArrayEquals(new double[] {1, 1, 1}, fit.coefficients(), 1e-5);
    assertEquals(1, fit.intercepts()[0], 1e-5);
    assertArrayEquals(y, fit.predict(x), 1e-5f);
    assertEquals(1, fit.r2(0), 1e-10);
  }

  @Test
  void aConstantColumnGetsNoWeight() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 40;
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      x[r * 2] = 0.1f; // not exactly representable: its mean must still centre to zero
      x[r * 2 + 1] = (float) random.nextGaussian();
      y[r] = 3 - 2 * x[r * 2 + 1];
    }
    LinearFit fit = LinearFit.fit(x, 2, y, 1);
    assertEquals(0, fit.coefficient(0, 0));
    assertEquals(-2, fit.coefficient(1, 0), 1e-6);
    assertEquals(3, fit.intercepts()[0], 1e-6);
    assertArrayEquals(y, fit.predict(x), 1e-5f);
  }

  @Test
  void fewerRowsThanColumnsInterpolatesTheRows() {
    SplittableRandom random = new SplittableRandom(seed());
    float[] x = gaussian(random, 3 * 10, 1);
    float[] y = gaussian(random, 3 * 2, 5);
    LinearFit fit = LinearFit.fit(x, 10, y, 2);
    assertArrayEquals(y, fit.predict(x), 1e-4f);
    assertEquals(1, fit.r2(0), 1e-9);
    assertEquals(1, fit.r2(1), 1e-9);
    for (double w : fit.coefficients()) {
      assertTrue(Double.isFinite(w));
    }
  }

  @Test
  void aSingleRowIsReproducedByTheIntercept() {
    LinearFit fit = LinearFit.fit(new float[] {1, 2, 3}, 3, new float[] {7}, 1);
    assertArrayEquals(new double[3], fit.coefficients());
    assertArrayEquals(new float[] {7, 7}, fit.predict(new float[] {1, 2, 3, -4, 5, 6}));
    assertEquals(1, fit.r2(0));
  }

  @Test
  void aConstantTargetScoresOneLikeScikitLearn() {
    LinearFit fit =
        LinearFit.fit(new float[] {1, 2, 3, 4}, 1, new float[] {0.3f, 0.3f, 0.3f, 0.3f}, 1);
    assertEquals(0, fit.coefficient(0, 0));
    assertEquals(1, fit.r2(0));
  }

  @Test
  void aSmallScaledColumnIsNotMistakenForADependentOne() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 100;
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      x[r * 2] = (float) (1e6 * random.nextGaussian());
      x[r * 2 + 1] = (float) (1e-9 * random.nextGaussian());
      y[r] = (float) (1e-6 * x[r * 2] + 1e9 * x[r * 2 + 1]);
    }
    LinearFit fit = LinearFit.fit(x, 2, y, 1);
    assertEquals(1e-6, fit.coefficient(0, 0), 1e-11);
    assertEquals(1e9, fit.coefficient(1, 0), 1e4);
    assertEquals(1, fit.r2(0), 1e-9);
  }

  @Test
  void theSameDataGiveTheSameFit() {
    float[] x = gaussian(new SplittableRandom(seed()), 500 * 6, 1);
    float[] y = gaussian(new SplittableRandom(seed() + 1), 500 * 2, 1);
    LinearFit a = LinearFit.fit(x, 6, y, 2);
    LinearFit b = LinearFit.fit(x, 6, y, 2);
    assertArrayEquals(a.coefficients(), b.coefficients(), 0);
    assertArrayEquals(a.intercepts(), b.intercepts(), 0);
    assertArrayEquals(a.r2(), b.r2(), 0);
  }

  @Test
  void rejectsBadShapesAndValues() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LinearFit.fit(new float[] {1, 2, 3}, 2, new float[] {1, 2}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> LinearFit.fit(new float[] {1, 2, 3, 4}, 2, new float[] {1, 2, 3}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> LinearFit.fit(new float[0], 2, new float[0], 1));
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> LinearFit.fit(new float[] {1, 2, 3, Float.NaN}, 2, new float[] {1, 2}, 1));
    assertEquals("features row 1 column 1 is NaN", nan.getMessage());
    LinearFit fit = LinearFit.fit(new float[] {1, 2, 3, 4}, 2, new float[] {1, 2}, 1);
    assertThrows(IllegalArgumentException.class, () -> fit.predict(new float[3]));
  }

  static float[] gaussian(SplittableRandom random, int length, double std) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (std * random.nextGaussian());
    }
    return values;
  }
}
