package org.precond.prep;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random partition of row indices into training, validation and test sets. Each part lists its
 * rows in ascending order; {@link org.precond.data.Dataset#select} turns it into a dataset.
 *
 * @param train rows to fit on
 * @param validation rows to tune on (early stopping, choice of k, calibration), possibly none
 * @param test rows held out for the final score, possibly none
 */
public record Split(int[] train, int[] validation, int[] test) {

  /**
   * Shuffles {@code 0 .. rows-1} with the seed and cuts it by the fractions, which must add up to
   * 1. The validation and test sizes are rounded to the nearest row and the training set takes the
   * rest. The same arguments always give the same split.
   *
   * @throws IllegalArgumentException if a fraction is outside [0, 1], they do not add up to 1, or
   *     the training set would be empty
   */
  public static Split random(
      int rows, double trainFraction, double validationFraction, double testFraction, long seed) {
    for (double f : new double[] {trainFraction, validationFraction, testFraction}) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("split fractions must lie in [0, 1], got " + f);
      }
    }
    if (Math.abs(trainFraction + validationFraction + testFraction - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "split fractions must add up to 1, got "
              + trainFraction
              + " + "
              + validationFraction
              + " + "
              + testFraction);
    }
    int validationRows = (int) Math.round(rows * validationFraction);
    int testRows = (int) Math.round(rows * testFraction);
    int trainRows = rows - validationRows - testRows;
    if (trainRows <= 0) {
      throw new IllegalArgumentException(
          "a split of " + rows + " rows by these fractions leaves no training rows");
    }
    int[] order = permutation(rows, seed);
    return new Split(
        sortedRange(order, 0, trainRows),
        sortedRange(order, trainRows, trainRows + validationRows),
        sortedRange(order, trainRows + validationRows, rows));
  }

  /** A uniformly random permutation of {@code 0 .. n-1} (Fisher–Yates), fixed by the seed. */
  static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static int[] sortedRange(int[] order, int from, int to) {
    int[] part = Arrays.copyOfRange(order, from, to);
    Arrays.sort(part);
    return part;
  }
}
