package org.precond.conformal;

import java.util.Arrays;

/**
 * Split-conformal calibration of one target under one difficulty: the sorted normalised scores
 * {@code (y − ŷ) / (σ + β)} of calibration rows the predictor never trained on. From them, for
 * any level, an interval {@code ŷ ± q · (σ + β)} whose coverage on exchangeable new rows is at
 * least the level (and, without ties, less than the level plus {@code 1/(n+1)}); and a conformal
 * predictive distribution, {@code ŷ + (σ + β) · s} over the signed scores s (Vovk's split
 * conformal predictive system), whose quantiles are calibrated the same way.
 *
 * <p>{@code β}, the larger of half the mean and a quarter of the 95th percentile of the calibration
 * difficulties, keeps easy-looking queries from getting intervals of width zero and bounds how
 * much wider a hard query's interval can be. It must not follow the median: on integer targets
 * (wine quality) most neighbourhoods agree exactly, the median spread is 0, and a β near 0 made
 * the intervals of the other queries absurdly wide.
 */
public final class ConformalCalibration {

  private final Difficulty difficulty;
  private final double beta;
  private final float[] absoluteScores;
  private final float[] signedScores;

  private ConformalCalibration(
      Difficulty difficulty, double beta, float[] absoluteScores, float[] signedScores) {
    this.difficulty = difficulty;
    this.beta = beta;
    this.absoluteScores = absoluteScores;
    this.signedScores = signedScores;
  }

  /**
   * Calibrates from calibration rows' targets, predictions and difficulties (all for one target).
   */
  public static ConformalCalibration fit(
      Difficulty difficulty, float[] targets, float[] predictions, double[] sigma) {
    int n = targets.length;
    if (n < 1 || predictions.length != n || sigma.length != n) {
      throw new IllegalArgumentException("calibration needs matching, non-empty rows");
    }
    double beta = 0;
    if (difficulty != Difficulty.NONE) {
      double mean = 0;
      for (double v : sigma) {
        mean += v / n;
      }
      double[] sorted = sigma.clone();
      Arrays.sort(sorted);
      beta = Math.max(Math.max(mean / 2, sorted[(int) (0.95 * (n - 1))] / 4), 1e-12);
    }
    float[] signed = new float[n];
    float[] absolute = new float[n];
    for (int i = 0; i < n; i++) {
      double scale = difficulty == Difficulty.NONE ? 1 : sigma[i] + beta;
      signed[i] = (float) ((targets[i] - predictions[i]) / scale);
      absolute[i] = Math.abs(signed[i]);
    }
    Arrays.sort(signed);
    Arrays.sort(absolute);
    return new ConformalCalibration(difficulty, beta, absolute, signed);
  }

  /** Rebuilds a calibration from {@link #signedScores()} and {@link #beta()}. */
  public static ConformalCalibration restore(Difficulty difficulty, double beta, float[] signed) {
    float[] s = signed.clone();
    Arrays.sort(s);
    float[] a = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      a[i] = Math.abs(s[i]);
    }
    Arrays.sort(a);
    return new ConformalCalibration(difficulty, beta, a, s);
  }

  public Difficulty difficulty() {
    return difficulty;
  }

  public double beta() {
    return beta;
  }

  /** The sorted signed scores (a copy). */
  public float[] signedScores() {
    return signedScores.clone();
  }

  public int size() {
    return signedScores.length;
  }

  /** The scale a query with difficulty {@code sigma} gets. */
  public double scale(double sigma) {
    return difficulty == Difficulty.NONE ? 1 : sigma + beta;
  }

  /**
   * The half-width multiplier q for level {@code level}: the ⌈(n+1)·level⌉-th smallest absolute
   * score; infinite when the calibration set is too small for the level.
   */
  public double quantile(double level) {
    requireLevel(level);
    int n = absoluteScores.length;
    int rank = (int) Math.ceil((n + 1) * level);
    return rank > n ? Double.POSITIVE_INFINITY : absoluteScores[rank - 1];
  }

  /** The interval at {@code level} around {@code prediction}: {lower, upper}. */
  public double[] interval(double level, double prediction, double sigma) {
    double half = quantile(level) * scale(sigma);
    return new double[] {prediction - half, prediction + half};
  }

  /**
   * The {@code p}-quantile of the conformal predictive distribution: the ⌈(n+1)·p⌉-th smallest of
   * {@code ŷ + scale · s}; −∞ or +∞ beyond what n calibration rows can resolve.
   */
  public double predictiveQuantile(double p, double prediction, double sigma) {
    requireLevel(p);
    int n = signedScores.length;
    int rank = (int) Math.ceil((n + 1) * p);
    if (rank < 1) {
      return Double.NEGATIVE_INFINITY;
    }
    if (rank > n) {
      return Double.POSITIVE_INFINITY;
    }
    return prediction + scale(sigma) * signedScores[rank - 1];
  }

  /**
   * The conformal predictive distribution's CDF at {@code y}: the share of the n + 1 atoms (the
   * n calibration ones and the one at +∞) below or at y.
   */
  public double cdf(double y, double prediction, double sigma) {
    double s = (y - prediction) / scale(sigma);
    int below = upperBound(signedScores, s);
    return below / (double) (signedScores.length + 1);
  }

  /**
   * CRPS of the conformal predictive distribution at observation {@code y}, taking its n
   * calibration atoms with equal weight (the atom at +∞ left out, as is usual).
   */
  public double crps(double y, double prediction, double sigma) {
    double scale = scale(sigma);
    int n = signedScores.length;
    // E|X − y| − ½ E|X − X'| over the atoms x_i = ŷ + scale·s_i (sorted ascending).
    double absolute = 0;
    double spread = 0;
    double prefix = 0;
    for (int i = 0; i < n; i++) {
      double x = prediction + scale * signedScores[i];
      absolute += Math.abs(x - y);
      spread += i * x - prefix;
      prefix += x;
    }
    return absolute / n - spread / ((double) n * n);
  }

  private static int upperBound(float[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void requireLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
  }
}
