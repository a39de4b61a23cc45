package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.precond.train.StopReason;
import org.precond.train.TrainingHistory;

class LossCurveTest {

  private static TrainingHistory history(int steps) {
    float[] loss = new float[steps];
    for (int i = 0; i < steps; i++) {
      loss[i] = 1f / (i + 1);
    }
    return new TrainingHistory(
        loss, new int[] {0, 5}, new float[] {2, 1}, 7, 0.1, StopReason.COMPLETED, "done", 1);
  }

  @Test
  void shortRunsKeepEveryStep() {
    LossCurve curve = LossCurve.of(history(10), 100);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, curve.steps());
    assertEquals(1f / 10, curve.loss()[9]);
    assertArrayEquals(new int[] {0, 5}, curve.validationSteps());
    assertEquals(7, curve.keptStep());
  }

  @Test
  void longRunsAreThinnedEvenlyAndKeepTheirLastStep() {
    LossCurve curve = LossCurve.of(history(1001), 100);
    // Every 11th step from 0, then the last one, 1000.
    assertEquals(0, curve.steps()[0]);
    assertEquals(11, curve.steps()[1]);
    assertEquals(1000, curve.steps()[curve.steps().length - 1]);
    assertEquals(1f / 1001, curve.loss()[curve.loss().length - 1]);
    assertEquals(92, curve.steps().length);
  }
}
