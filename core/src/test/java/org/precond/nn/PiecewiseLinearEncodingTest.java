package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PiecewiseLinearEncodingTest {

  @Test
  void eachBinRisesFromZeroToOneAcrossItselfAndTheEndBinsExtend() {
    PiecewiseLinearEncoding e = new PiecewiseLinearEncoding(new float[][] {{0, 1, 3}});
    assertEquals(2, e.width());
    assertArrayEquals(new float[] {0.5f, 0}, e.encode(new float[] {0.5f}));
    assertArrayEquals(new float[] {1, 0.5f}, e.encode(new float[] {2}));
    assertArrayEquals(new float[] {-1, 0}, e.encode(new float[] {-1}), "below: the first extends");
    assertArrayEquals(new float[] {1, 3}, e.encode(new float[] {7}), "above: the last extends");
  }

  @Test
  void binsFollowTheQuantilesAndDiscreteInputsGetFewer() {
    float[] block = new float[200];
    for (int r = 0; r < 100; r++) {
      block[2 * r] = r;          // 0..99: four bins at quartiles
      block[2 * r + 1] = r % 2;  // two values: one bin
    }
    PiecewiseLinearEncoding e = PiecewiseLinearEncoding.fit(block, 2, 4);
    assertArrayEquals(new float[] {0, 25, 50, 74, 99}, e.edges(0));
    assertArrayEquals(new float[] {0, 1}, e.edges(1));
    assertEquals(5, e.width());
    PiecewiseLinearEncoding constant = PiecewiseLinearEncoding.fit(new float[] {3, 3, 3}, 1, 8);
    assertArrayEquals(new float[] {0.5f}, constant.encode(new float[] {3}));
  }

  @Test
  void aValueRepeatedInMostRowsLeavesItsBinsToTheRowsAboveIt() {
    // 92 zeros, then 8 gains 1..8: plain quantiles would give one bin from 0 to 8.
    float[] block = new float[100];
    for (int r = 0; r < 8; r++) {
      block[92 + r] = r + 1;
    }
    PiecewiseLinearEncoding e = PiecewiseLinearEncoding.fit(block, 1, 4);
    assertArrayEquals(new float[] {0, 2, 4, 6, 8}, e.edges(0));
    assertArrayEquals(new float[] {1, 1, 0.5f, 0}, e.encode(new float[] {5}));
  }
}
