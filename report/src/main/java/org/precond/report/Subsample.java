package org.precond.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/** At most a given number of rows drawn at random, so that big point clouds keep a page light. */
final class Subsample {

  // Fixed, so that the same model always gives the same picture.
  private static final long SEED = 0x5eed_9c0dL;

  private Subsample() {}

  /** Increasing indices of at most {@code max} of {@code rows} rows; every row when they fit. */
  static int[] indices(int rows, int max) {
    int[] all = new int[rows];
    for (int i = 0; i < rows; i++) {
      all[i] = i;
    }
    if (rows <= max) {
      return all;
    }
    // The first max places of a partial Fisher–Yates shuffle: a uniform sample without repeats.
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(rows - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    int[] chosen = Arrays.copyOf(all, max);
    Arrays.sort(chosen);
    return chosen;
  }

  /** The chosen rows of a row-major block. */
  static float[] rows(float[] block, int columns, int[] indices) {
    float[] out = new float[indices.length * columns];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(block, indices[r] * columns, out, r * columns, columns);
    }
    return out;
  }

  /** One column of the chosen rows of a row-major block. */
  static float[] column(float[] block, int columns, int column, int[] indices) {
    float[] out = new float[indices.length];
    for (int r = 0; r < indices.length; r++) {
      out[r] = block[indices[r] * columns + column];
    }
    return out;
  }
}
