package org.precond.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

  @Test
  void countsByHand() {
    // Rows: actual 0 → 0, actual 0 → 2, actual 1 → 1, actual 2 → 0, actual 2 → 0 (a tie between
    // 0 and 1 goes to the first).
    float[] p = {
      0.7f, 0.2f, 0.1f,
      0.2f, 0.3f, 0.5f,
      0.1f, 0.8f, 0.1f,
      0.6f, 0.1f, 0.3f,
      0.4f, 0.4f, 0.2f
    };
    float[] y = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1};
    ConfusionMatrix m = ConfusionMatrix.of(p, y, 3);
    int[][] expected = {{1, 0, 1}, {0, 1, 0}, {2, 0, 0}};
    for (int a = 0; a < 3; a++) {
      for (int q = 0; q < 3; q++) {
        assertEquals(expected[a][q], m.count(a, q), a + " as " + q);
      }
    }
    assertEquals(2, m.actual(0));
    assertEquals(2, m.actual(2));
    assertEquals(3, m.predicted(0));
    assertEquals(5, m.rows());
    // The diagonal is the accuracy's numerator.
    assertEquals(
        ClassificationMetrics.compute(p, y, 3).accuracy(),
        (m.count(0, 0) + m.count(1, 1) + m.count(2, 2)) / 5.0, 1e-12);
  }

  @Test
  void shapesMustAgree() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new float[6], new float[4], 2));
  }
}
