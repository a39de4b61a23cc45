package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void aWinByChanceOnFewRowsDoesNotDisplaceTheNetwork() {
    // The other is better on two rows of five and worse on two: a lower mean, no clear margin.
    float[] targets = {0, 0, 0, 0, 0};
    float[] network = {1, 1, 1, 1, 1};
    float[] other = {0, 0, 1.3f, 1.3f, 1};
    assertFalse(Selection.clearlyBetter(other, network, targets));
  }

  @Test
  void aConsistentWinDoes() {
    float[] targets = new float[40];
    float[] network = new float[40];
    float[] other = new float[40];
    for (int i = 0; i < 40; i++) {
      network[i] = i % 2 == 0 ? 1 : -1;
      other[i] = network[i] * (i % 3 == 0 ? 0.9f : 0.5f);
    }
    assertTrue(Selection.clearlyBetter(other, network, targets));
    assertFalse(Selection.clearlyBetter(network, network, targets), "the network against itself");
  }
}
