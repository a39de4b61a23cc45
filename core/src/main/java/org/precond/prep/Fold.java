package org.precond.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fold of k-fold cross-validation: the rows it tests on and the rows of the other folds.
 *
 * @param train rows to fit on, ascending
 * @param test rows of this fold, ascending
 */
public record Fold(int[] train, int[] test) {

  /**
   * The k folds of {@code 0 .. rows-1}: the rows are shuffled with the seed and cut into k folds
   * whose sizes differ by at most one, each the test set once. Every row is in exactly one test
   * set, and the same arguments always give the same folds.
   *
   * @throws IllegalArgumentException unless {@code 2 <= k <= rows}
   */
  public static List<Fold> kFold(int rows, int k, long seed) {
    if (k < 2 || k > rows) {
      throw new IllegalArgumentException(
          "k-fold needs 2 <= k <= rows, got k = " + k + " with " + rows + " rows");
    }
    int[] order = Split.permutation(rows, seed);
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int from = (int) ((long) rows * f / k);
      int to = (int) ((long) rows * (f + 1) / k);
      int[] train = new int[rows - (to - from)];
      System.arraycopy(order, 0, train, 0, from);
      System.arraycopy(order, to, train, from, rows - to);
      Arrays.sort(train);
      folds.add(new Fold(train, Split.sortedRange(order, from, to)));
    }
    return List.copyOf(folds);
  }
}
