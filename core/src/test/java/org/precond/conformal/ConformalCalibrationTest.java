package org.precond.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

  @Test
  void theIntervalQuantileIsTheConformalRank() {
    // Residuals 1..19: at 90% the rank is ceil(20 × 0.9) = 18.
    float[] y = new float[19];
    float[] p = new float[19];
    double[] sigma = new double[19];
    for (int i = 0; i < 19; i++) {
      y[i] = i + 1;
      sigma[i] = 1;
    }
    ConformalCalibration c = ConformalCalibration.fit(Difficulty.NONE, y, p, sigma);
    assertEquals(18, c.quantile(0.9));
    assertEquals(Double.POSITIVE_INFINITY, c.quantile(0.96), "20 × 0.96 > 19 rows");
    double[] interval = c.interval(0.9, 5, 123);
    assertEquals(-13, interval[0]);
    assertEquals(23, interval[1]);
    assertEquals(10.0 / 20, c.cdf(10, 0, 1), 1e-12);
  }

  @Test
  void neighbourhoodsThatAgreeExactlyDoNotBlowUpTheOthers() {
    // Integer targets: most calibration rows have difficulty 0, a few 1.
    Random random = new Random(4);
    int n = 1000;
    float[] y = new float[n];
    float[] p = new float[n];
    double[] sigma = new double[n];
    for (int i = 0; i < n; i++) {
      sigma[i] = i % 10 == 0 ? 1 : 0;
      y[i] = random.nextInt(3) - 1;
    }
    ConformalCalibration plain = ConformalCalibration.fit(Difficulty.NONE, y, p, sigma);
    ConformalCalibration spread = ConformalCalibration.fit(Difficulty.SPREAD, y, p, sigma);
    double plainWidth = plain.quantile(0.9);
    double hardWidth = spread.quantile(0.9) * spread.scale(1);
    assertTrue(hardWidth < 10 * plainWidth, hardWidth + " vs plain " + plainWidth);
    assertTrue(spread.scale(0) > 0, "no interval of width zero");
  }

  @Test
  void crpsOfAPointMassIsTheDistance() {
    float[] y = {0, 0, 0};
    ConformalCalibration c =
        ConformalCalibration.fit(Difficulty.NONE, y, new float[3], new double[] {1, 1, 1});
    assertEquals(2.5, c.crps(2.5, 0, 1), 1e-12);
  }
}
