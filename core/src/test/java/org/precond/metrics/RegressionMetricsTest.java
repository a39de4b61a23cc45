package org.precond.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

  @Test
  void matchesHandComputedValuesPerColumn() {
    // Column 0: actual 1, 2, 3, 4; predicted 1, 3, 2, 6 -> errors 0, 1, -1, 2.
    //   RMSE = sqrt(6/4), MAE = 4/4 = 1, max = 2, R² = 1 - 6/5 = -0.2 (mean 2.5, SS_tot = 5).
    // Column 1: actual 0, 10, 20, 30; predicted 1, 9, 21, 29 -> errors ±1.
    //   RMSE = 1, MAE = 1, max = 1, R² = 1 - 4/500 (mean 15, SS_tot = 225 + 25 + 25 + 225).
    float[] actual = {1, 0, 2, 10, 3, 20, 4, 30};
    float[] predicted = {1, 1, 3, 9, 2, 21, 6, 29};
    RegressionMetrics m = RegressionMetrics.compute(actual, predicted, 2);
    assertEquals(4, m.rows());
    assertEquals(2, m.columns());
    assertEquals(Math.sqrt(1.5), m.rmse(0), 1e-12);
    assertEquals(1, m.mae(0), 1e-12);
    assertEquals(2, m.maxError(0), 1e-12);
    assertEquals(-0.2, m.r2(0), 1e-12);
    assertEquals(1, m.rmse(1), 1e-12);
    assertEquals(1, m.mae(1), 1e-12);
    assertEquals(1, m.maxError(1), 1e-12);
    assertEquals(1 - 4.0 / 500, m.r2(1), 1e-12);
  }

  @Test
  void accumulatesInDoublePrecision() {
    // A million errors of 1e-4 on values near 1e4: float sums would lose them.
    int n = 1_000_000;
    float[] actual = new float[n];
    float[] predicted = new float[n];
    for (int i = 0; i < n; i++) {
      actual[i] = 10_000 + (i % 2);
      predicted[i] = actual[i] + 0.0009765625f; // ulp(10000f) = 2^-10
    }
    RegressionMetrics m = RegressionMetrics.compute(actual, predicted, 1);
    assertEquals(0.0009765625, m.mae(0), 1e-15);
    assertEquals(0.0009765625, m.rmse(0), 1e-15);
  }

  @Test
  void constantActualFollowsScikitLearn() {
    float[] actual = {3, 3, 3};
    assertEquals(1, RegressionMetrics.compute(actual, new float[] {3, 3, 3}, 1).r2(0));
    assertEquals(0, RegressionMetrics.compute(actual, new float[] {3, 4, 3}, 1).r2(0));
  }

  @Test
  void rejectsMismatchedShapes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RegressionMetrics.compute(new float[4], new float[3], 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegressionMetrics.compute(new float[3], new float[3], 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegressionMetrics.compute(new float[0], new float[0], 1));
  }
}
