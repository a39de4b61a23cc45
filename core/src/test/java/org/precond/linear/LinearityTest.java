package org.precond.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

class LinearityTest extends RandomizedTest {

  @Test
  void aTargetAlongTheWidestDirectionsIsLinearInThePlaneToo() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 2000;
    int d = 8;
    float[] embedding = stretched(random, rows, d);
    // Target 0 follows the two widest columns (0 and 1); target 1 only the narrowest (7).
    float[] targets = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      targets[r * 2] = embedding[r * d] - 0.5f * embedding[r * d + 1] + 2;
      targets[r * 2 + 1] = 4 * embedding[r * d + 7];
    }
    Linearity linearity = Linearity.measure(embedding, d, targets, 2);
    assertEquals(d, linearity.dimension());
    assertEquals(2, linearity.planeComponents());
    assertEquals(2, linearity.targetCount());
    assertEquals(1, linearity.embeddingR2(0), 1e-9);
    assertEquals(1, linearity.principalPlaneR2(0), 1e-3);
    assertEquals(1, linearity.embeddingR2(1), 1e-9);
    assertTrue(linearity.principalPlaneR2(1) < 0.02, linearity::toString);
  }

  @Test
  void aCurvedTargetIsNotLinear() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 2000;
    float[] embedding = stretched(random, rows, 2);
    float[] targets = new float[rows];
    for (int r = 0; r < rows; r++) {
      targets[r] = embedding[r * 2] * embedding[r * 2];
    }
    Linearity linearity = Linearity.measure(embedding, 2, targets, 1);
    // x² of a centred symmetric x is uncorrelated with x.
    assertTrue(linearity.embeddingR2(0) < 0.02, linearity::toString);
  }

  @Test
  void aOneDimensionalEmbeddingUsesItsOnlyComponent() {
    Linearity linearity =
        Linearity.measure(new float[] {1, 2, 3, 4}, 1, new float[] {3, 5, 7, 9}, 1);
    assertEquals(1, linearity.planeComponents());
    assertEquals(1, linearity.embeddingR2(0), 1e-12);
    assertEquals(1, linearity.principalPlaneR2(0), 1e-12);
  }

  /** Independent Gaussian columns whose spread shrinks from the first column to the last. */
  private static float[] stretched(SplittableRandom random, int rows, int d) {
    float[] block = new float[rows * d];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) (random.nextGaussian() * Math.pow(2, d - i % d));
    }
    return block;
  }
}
