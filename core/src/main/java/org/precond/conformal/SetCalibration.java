package org.precond.conformal;

import java.util.Arrays;

/**
 * Split-conformal prediction sets for classes: the scores of the true classes of calibration rows
 * no model part was fitted on, under each {@link SetScore}. A new row's set at level {@code 1 −
 * α} holds the classes whose score is at most the ⌈(n + 1)(1 − α)⌉-th smallest calibration score,
 * and so holds the row's true class with probability at least {@code 1 − α} when the rows are
 * exchangeable (Vovk et al., 2005; Angelopoulos & Bates, 2021).
 */
public final class SetCalibration {

  private final double[][] sorted;

  private SetCalibration(double[][] sorted) {
    this.sorted = sorted;
  }

  /**
   * Scores calibration rows.
   *
   * @param probabilities row-major {@code rows × classes}
   * @param oneHot the true classes, row-major {@code rows × classes}
   */
  public static SetCalibration fit(float[] probabilities, float[] oneHot, int classes) {
    int n = probabilities.length / classes;
    double[][] sorted = new double[SetScore.values().length][n];
    for (int r = 0; r < n; r++) {
      int truth = argmax(oneHot, r * classes, classes);
      for (SetScore s : SetScore.values()) {
        // Kept in float precision, as a model file stores them, so a loaded model sets the same.
        sorted[s.ordinal()][r] = (float) s.score(probabilities, r * classes, classes, truth);
      }
    }
    for (double[] s : sorted) {
      Arrays.sort(s);
    }
    return new SetCalibration(sorted);
  }

  /**
   * Rebuilds stored scores, indexed by {@link SetScore#ordinal()}.
   *
   * @throws IllegalArgumentException if a kind is missing or the kinds differ in length
   */
  public static SetCalibration restore(float[][] scores) {
    if (scores.length != SetScore.values().length) {
      throw new IllegalArgumentException("expected scores of " + SetScore.values().length
          + " kinds, got " + scores.length);
    }
    double[][] sorted = new double[scores.length][];
    for (int s = 0; s < scores.length; s++) {
      if (scores[s].length != scores[0].length) {
        throw new IllegalArgumentException("the kinds of set scores differ in length");
      }
      sorted[s] = new double[scores[s].length];
      for (int i = 0; i < scores[s].length; i++) {
        sorted[s][i] = scores[s][i];
      }
      Arrays.sort(sorted[s]);
    }
    return new SetCalibration(sorted);
  }

  /** The sorted calibration scores of {@code kind}, in float precision. */
  public float[] scores(SetScore kind) {
    double[] s = sorted[kind.ordinal()];
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = (float) s[i];
    }
    return out;
  }

  public int rows() {
    return sorted[0].length;
  }

  /**
   * The largest score a class may have to be in a set at {@code level}; infinite (every class)
   * when there are too few calibration rows for that level.
   */
  public double threshold(SetScore kind, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    double[] s = sorted[kind.ordinal()];
    int n = s.length;
    // Less a hair, so that (n + 1) · level landing on a whole number in exact arithmetic stays it.
    long rank = (long) Math.ceil((n + 1) * level - 1e-9);
    return rank > n ? Double.POSITIVE_INFINITY : s[(int) rank - 1];
  }

  /**
   * The sets at {@code level} for rows of probabilities: {@code [row][class]} whether the class is
   * in the row's set.
   */
  public boolean[][] sets(float[] probabilities, int classes, SetScore kind, double level) {
    double q = threshold(kind, level);
    int n = probabilities.length / classes;
    boolean[][] out = new boolean[n][classes];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < classes; c++) {
        out[r][c] = (float) kind.score(probabilities, r * classes, classes, c) <= q;
      }
    }
    return out;
  }

  private static int argmax(float[] p, int at, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (p[at + c] > p[at + best]) {
        best = c;
      }
    }
    return best;
  }
}
