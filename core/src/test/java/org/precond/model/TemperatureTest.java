package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureTest {

  private static final int CLASSES = 4;

  /**
   * Rows whose labels are drawn from {@code softmax(z / truth)} while the probabilities given are
   * {@code softmax(z)}: over-confident when {@code truth > 1}. Returns {probabilities, targets}.
   */
  private static float[][] rows(int n, double truth, long seed) {
    Random random = new Random(seed);
    float[] p = new float[n * CLASSES];
    float[] y = new float[n * CLASSES];
    double[] z = new double[CLASSES];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < CLASSES; c++) {
        z[c] = 2 * random.nextGaussian();
      }
      double[] given = softmax(z, 1);
      double[] real = softmax(z, truth);
      double u = random.nextDouble();
      int label = 0;
      while (label < CLASSES - 1 && (u -= real[label]) > 0) {
        label++;
      }
      for (int c = 0; c < CLASSES; c++) {
        p[r * CLASSES + c] = (float) given[c];
      }
      y[r * CLASSES + label] = 1;
    }
    return new float[][] {p, y};
  }

  private static double[] softmax(double[] z, double t) {
    double[] out = new double[z.length];
    double total = 0;
    for (int c = 0; c < z.length; c++) {
      out[c] = Math.exp(z[c] / t);
      total += out[c];
    }
    for (int c = 0; c < z.length; c++) {
      out[c] /= total;
    }
    return out;
  }

  @Test
  void recoversTheTemperatureOfOverAndUnderConfidentProbabilities() {
    for (double truth : new double[] {0.5, 1, 2}) {
      float[][] data = rows(20_000, truth, 7);
      double fitted = Temperature.fit(data[0], data[1], CLASSES);
      assertEquals(truth, fitted, 0.06 * truth, "truth " + truth);
    }
  }

  @Test
  void theFittedTemperatureLowersTheLogLossOnNewRowsAndKeepsEachRowsMostLikelyClass() {
    float[][] fit = rows(5_000, 1.6, 1);
    float[][] fresh = rows(5_000, 1.6, 2);
    double t = Temperature.fit(fit[0], fit[1], CLASSES);
    float[] tempered = Temperature.apply(fresh[0], CLASSES, t);
    assertTrue(ClassProbabilities.logLoss(tempered, fresh[1], CLASSES)
        < ClassProbabilities.logLoss(fresh[0], fresh[1], CLASSES) - 0.02);
    for (int at = 0; at < tempered.length; at += CLASSES) {
      assertEquals(argmax(fresh[0], at), argmax(tempered, at));
      double total = 0;
      for (int c = 0; c < CLASSES; c++) {
        assertTrue(tempered[at + c] >= ClassProbabilities.FLOOR * 0.999f);
        total += tempered[at + c];
      }
      assertEquals(1, total, 1e-5);
    }
  }

  @Test
  void atTemperatureOneTheProbabilitiesAreLeftAsTheyAre() {
    float[] p = rows(10, 1, 3)[0];
    assertSame(p, Temperature.apply(p, CLASSES, 1));
  }

  @Test
  void theLossSlopeAndCurvatureMatchFiniteDifferences() {
    float[][] data = rows(500, 1.3, 4);
    double[] logs = new double[data[0].length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(data[0][i]);
    }
    double h = 1e-4;
    for (double a : new double[] {0.3, 1, 2.5}) {
      double[] at = Temperature.loss(logs, data[1], CLASSES, a);
      double[] up = Temperature.loss(logs, data[1], CLASSES, a + h);
      double[] down = Temperature.loss(logs, data[1], CLASSES, a - h);
      assertEquals((up[0] - down[0]) / (2 * h), at[1], 1e-6, "slope at " + a);
      assertEquals((up[1] - down[1]) / (2 * h), at[2], 1e-6, "curvature at " + a);
    }
  }

  @Test
  void probabilitiesThatAreAlwaysRightAreSharpenedTowardsTheLowestTemperature() {
    float[] p = {0.999f, 0.001f, 0.002f, 0.998f};
    float[] y = {1, 0, 0, 1};
    double t = Temperature.fit(p, y, 2);
    assertTrue(t >= Temperature.MIN && t < 2 * Temperature.MIN, "temperature " + t);
  }

  private static int argmax(float[] p, int at) {
    int best = 0;
    for (int c = 1; c < CLASSES; c++) {
      if (p[at + c] > p[at + best]) {
        best = c;
      }
    }
    return best;
  }
}
