package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

class PiecewiseLinearEncodingTest extends RandomizedTest {

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

  @Test
  void blocksGatheredInAnyOrderHoldTheWholeMatrixEncoding() {
    Random random = random();
    int inputs = 3;
    int rows = 200;
    float[] x = new float[rows * inputs];
    for (int i = 0; i < x.length; i++) {
      // Some values repeat, some lie outside the bins the first half of the rows gives.
      x[i] = random.nextInt(4) == 0 ? 1 : (float) (3 * random.nextGaussian());
    }
    PiecewiseLinearEncoding e =
        PiecewiseLinearEncoding.fit(java.util.Arrays.copyOf(x, rows / 2 * inputs), inputs, 5);
    float[] whole = e.encode(x);
    NetworkInputs blocks = e.inputs(x);
    assertEquals(rows, blocks.rows());
    assertEquals(e.width(), blocks.width());
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = random.nextInt(rows);
    }
    for (int trial = 0; trial < 50; trial++) {
      int count = 1 + random.nextInt(150);
      int columns = count + random.nextInt(9);
      int from = random.nextInt(rows - count + 1);
      boolean ordered = random.nextBoolean();
      float[] into = new float[e.width() * columns];
      java.util.Arrays.fill(into, Float.NaN); // padding must be overwritten with zeros
      blocks.gather(ordered ? order : null, from, count, columns, into);
      for (int c = 0; c < e.width(); c++) {
        for (int r = 0; r < columns; r++) {
          int row = ordered ? order[from + Math.min(r, count - 1)] : from + r;
          float expected = r < count ? whole[row * e.width() + c] : 0f;
          assertEquals(
              Float.floatToRawIntBits(expected), Float.floatToRawIntBits(into[c * columns + r]),
              "component " + c + " of block row " + r + " (trial " + trial + ")");
        }
      }
    }
  }
}
