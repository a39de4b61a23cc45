package org.precond.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SetCalibrationTest {

  @Test
  void scoresAreOneMinusTheTrueProbabilityOrTheMassAtLeastAsProbable() {
    float[] p = {0.5f, 0.3f, 0.2f};
    assertEquals(0.7, SetScore.PLAIN.score(p, 0, 3, 1), 1e-6);
    assertEquals(0.8, SetScore.ADAPTIVE.score(p, 0, 3, 1), 1e-6);
    assertEquals(0.5, SetScore.ADAPTIVE.score(p, 0, 3, 0), 1e-6);
    assertEquals(1.0, SetScore.ADAPTIVE.score(p, 0, 3, 2), 1e-6);
  }

  @Test
  void theThresholdIsTheConformalQuantileOfTheScores() {
    // Nine rows whose true class has probability 0.1, 0.2, ..., 0.9: plain scores 0.9 ... 0.1.
    int n = 9;
    float[] p = new float[n * 2];
    float[] y = new float[n * 2];
    for (int r = 0; r < n; r++) {
      p[2 * r] = (r + 1) / 10f;
      p[2 * r + 1] = 1 - p[2 * r];
      y[2 * r] = 1;
    }
    SetCalibration c = SetCalibration.fit(p, y, 2);
    // ⌈(9 + 1) · 0.5⌉ = 5th smallest of 0.1 ... 0.9.
    assertEquals(0.5, c.threshold(SetScore.PLAIN, 0.5), 1e-6);
    // ⌈10 · 0.95⌉ = 10 > 9 rows: no finite threshold, every class is in.
    assertEquals(Double.POSITIVE_INFINITY, c.threshold(SetScore.PLAIN, 0.95));
    boolean[][] sets = c.sets(new float[] {0.7f, 0.3f, 0.45f, 0.55f}, 2, SetScore.PLAIN, 0.5);
    assertArrayEquals(new boolean[] {true, false}, sets[0]);
    assertArrayEquals(new boolean[] {false, true}, sets[1]);
  }

  @Test
  void setsCoverNewRowsAtTheLevelWhenRowsAreExchangeable() {
    Random random = new Random(11);
    int classes = 4;
    float[][] calibration = draw(random, 2000, classes);
    SetCalibration c = SetCalibration.fit(calibration[0], calibration[1], classes);
    float[][] test = draw(random, 20000, classes);
    for (SetScore score : SetScore.values()) {
      boolean[][] sets = c.sets(test[0], classes, score, 0.8);
      int covered = 0;
      for (int r = 0; r < sets.length; r++) {
        for (int k = 0; k < classes; k++) {
          if (sets[r][k] && test[1][r * classes + k] == 1) {
            covered++;
          }
        }
      }
      double coverage = (double) covered / sets.length;
      assertTrue(coverage > 0.78 && coverage < 0.83, score + " coverage " + coverage);
    }
  }

  /** Rows whose true class is drawn from the very probabilities the model gives: calibrated. */
  private static float[][] draw(Random random, int rows, int classes) {
    float[] p = new float[rows * classes];
    float[] y = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      double total = 0;
      for (int k = 0; k < classes; k++) {
        p[r * classes + k] = (float) -Math.log(random.nextDouble());
        total += p[r * classes + k];
      }
      double u = random.nextDouble() * total;
      int truth = classes - 1;
      for (int k = 0; k < classes; k++) {
        u -= p[r * classes + k];
        if (u < 0) {
          truth = k;
          break;
        }
      }
      for (int k = 0; k < classes; k++) {
        p[r * classes + k] /= (float) total;
      }
      y[r * classes + truth] = 1;
    }
    return new float[][] {p, y};
  }
}
