package org.precond.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  @Test
  void scoresByHand() {
    float[] p = {0.9f, 0.1f, 0.4f, 0.6f, 0.2f, 0.8f, 0.7f, 0.3f};
    float[] y = {1, 0, 1, 0, 0, 1, 0, 1};
    ClassificationMetrics m = ClassificationMetrics.compute(p, y, 2);
    assertEquals(0.5, m.accuracy(), 1e-12);
    double logLoss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.3)) / 4;
    assertEquals(logLoss, m.logLoss(), 1e-6);
    double brier = (2 * 0.01 + 2 * 0.36 + 2 * 0.04 + 2 * 0.49) / 4;
    assertEquals(brier, m.brier(), 1e-6);
    // Top probabilities 0.9 (right), 0.6 (wrong), 0.8 (right), 0.7 (wrong), each in its own bin.
    double ece = (0.1 + 0.6 + 0.2 + 0.7) / 4;
    assertEquals(ece, m.calibrationError(), 1e-6);
    // Class 0: predicted twice (1 right), present twice: F1 0.5; class 1 the same.
    assertEquals(0.5, m.macroF1(), 1e-12);
  }
}
