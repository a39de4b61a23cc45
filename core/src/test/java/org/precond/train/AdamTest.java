package org.precond.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {

  @Test
  void weightDecayShrinksOnlyTheMarkedParametersByRateTimesDecay() {
    Adam adam =
        new Adam(3, new LearningRate(0.1, Schedule.CONSTANT, 10), 0.5, new boolean[] {true, false, true});
    float[] p = {2, 2, -4};
    adam.step(p, new float[3], 0);
    // No gradient: only the decay moves them, by the factor 1 − 0.1 · 0.5.
    assertEquals(1.9f, p[0], 1e-6f);
    assertEquals(2f, p[1]);
    assertEquals(-3.8f, p[2], 1e-6f);
  }

  @Test
  void withoutDecayAStepFollowsTheSignOfTheGradientByTheRate() {
    Adam adam = new Adam(2, new LearningRate(0.01, Schedule.CONSTANT, 10));
    float[] p = {1, 1};
    adam.step(p, new float[] {3, -0.5f}, 0);
    // The first bias-corrected step is rate · g / |g|.
    assertEquals(0.99f, p[0], 1e-6f);
    assertEquals(1.01f, p[1], 1e-6f);
  }
}
