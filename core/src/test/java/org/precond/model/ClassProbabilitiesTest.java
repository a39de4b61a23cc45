package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassProbabilitiesTest {

  private static final float[] VOTES = {0.75f, 0.25f, 0, 1};
  private static final float[] NETWORK = {0.5f, 0.5f, 0.2f, 0.8f};

  @Test
  void theNetworksWeightMovesTheBlendFromTheVotesToTheNetwork() {
    float[] votes = ClassProbabilities.of(VOTES, NETWORK, 2, 0);
    assertEquals(0.75f, votes[0], 1e-6f);
    assertEquals(ClassProbabilities.FLOOR, votes[2], 1e-9f, "a class no neighbour has: floored");
    assertArrayEquals(NETWORK, ClassProbabilities.of(VOTES, NETWORK, 2, 1), 1e-6f);
    float[] half = ClassProbabilities.of(VOTES, NETWORK, 2, 0.5);
    assertArrayEquals(new float[] {0.625f, 0.375f, 0.1f, 0.9f}, half, 1e-6f);
  }

  @Test
  void byDefaultTheNetworkCountsAsOneMoreNeighbour() {
    assertEquals(0.25, ClassProbabilities.asOneNeighbor(3));
    assertEquals(0, ClassProbabilities.asOneNeighbor(0), "the network alone keeps its output");
    float[] four = ClassProbabilities.of(VOTES, NETWORK, 2, ClassProbabilities.asOneNeighbor(3));
    assertEquals((3 * 0.75f + 0.5f) / 4, four[0], 1e-6f);
  }
}
