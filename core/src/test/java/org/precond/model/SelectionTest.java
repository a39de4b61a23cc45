package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void aWinByChanceOnFewRowsDoesNotDisplaceTheNetwork() {
    // The other is better on two rows of five and worse on two: a lower mean, no clear margin.
    double[] network = {1, 1, 1, 1, 1};
    double[] other = {0, 0, 1.69, 1.69, 1};
    assertFalse(Selection.clearlyBetter(other, network));
    // Better on four rows of five and much worse on one: a mean gain of 1.5 standard errors.
    assertFalse(Selection.clearlyBetter(new double[] {0, 0, 0, 0, 2}, network));
  }

  @Test
  void aConsistentWinDoes() {
    double[] network = new double[40];
    double[] other = new double[40];
    for (int i = 0; i < 40; i++) {
      network[i] = 1;
      other[i] = i % 3 == 0 ? 0.81 : 0.25;
    }
    assertTrue(Selection.clearlyBetter(other, network));
    assertFalse(Selection.clearlyBetter(network, network), "the network against itself");
  }
}
