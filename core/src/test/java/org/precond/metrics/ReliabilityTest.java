package org.precond.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

  @Test
  void binsByHand() {
    // Top probabilities 0.9 (right), 0.6 (wrong), 0.8 (right), 0.7 (wrong), 1.0 (right), in 5
    // bins of width 0.2: 0.6 and 0.7 share [0.6, 0.8); 0.8 is in [0.8, 1.0) with 0.9, and 1.0
    // belongs to the last bin too.
    float[] p = {0.9f, 0.1f, 0.4f, 0.6f, 0.2f, 0.8f, 0.7f, 0.3f, 1f, 0f};
    float[] y = {1, 0, 1, 0, 0, 1, 0, 1, 1, 0};
    Reliability r = Reliability.of(p, y, 2, 5);
    assertEquals(5, r.bins());
    assertEquals(0, r.count(0));
    assertEquals(2, r.count(3));
    assertEquals(3, r.count(4));
    assertTrue(Double.isNaN(r.confidence(0)) && Double.isNaN(r.accuracy(0)), "an empty bin");
    assertEquals(0.65, r.confidence(3), 1e-6);
    assertEquals(0, r.accuracy(3), 1e-12);
    assertEquals(0.9, r.confidence(4), 1e-6);
    assertEquals(1, r.accuracy(4), 1e-12);
    assertEquals((2 * 0.65 + 3 * 0.1) / 5, r.calibrationError(), 1e-6);
  }

  @Test
  void countsAddUpToTheRowsAndTheErrorIsTheMetricsOne() {
    SplittableRandom random = new SplittableRandom(3);
    int rows = 500;
    int classes = 4;
    float[] p = new float[rows * classes];
    float[] y = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[r * classes + c] = (float) random.nextDouble();
        sum += p[r * classes + c];
      }
      for (int c = 0; c < classes; c++) {
        p[r * classes + c] /= (float) sum;
      }
      y[r * classes + random.nextInt(classes)] = 1;
    }
    Reliability reliability = Reliability.of(p, y, classes, ClassificationMetrics.BINS);
    int total = 0;
    for (int b = 0; b < reliability.bins(); b++) {
      total += reliability.count(b);
    }
    assertEquals(rows, total);
    assertEquals(
        ClassificationMetrics.compute(p, y, classes).calibrationError(),
        reliability.calibrationError(), 1e-12);
  }
}
