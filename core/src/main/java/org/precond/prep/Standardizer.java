package org.precond.prep;

import java.util.Arrays;
import org.precond.data.Dataset;

/**
 * Shifts and scales each column of a row-major block to mean 0 and standard deviation 1, and back.
 *
 * <p>The standard deviation is the population one (divisor n), as in scikit-learn's {@code
 * StandardScaler}. A constant column gets standard deviation 1, so that it is only centred rather
 * than divided by zero. Means and deviations are kept in double precision; a model file stores
 * them with {@link #means()} and {@link #stds()} and rebuilds the standardizer with {@link #of}.
 */
public final class Standardizer {

  private final double[] means;
  private final double[] stds;

  private Standardizer(double[] means, double[] stds) {
    this.means = means;
    this.stds = stds;
  }

  /**
   * Rebuilds a fitted standardizer from stored statistics.
   *
   * @throws IllegalArgumentException if the lengths differ, a mean is not finite, or a deviation
   *     is not finite and positive
   */
  public static Standardizer of(double[] means, double[] stds) {
    if (means.length != stds.length) {
      throw new IllegalArgumentException(
          means.length + " means but " + stds.length + " standard deviations");
    }
    if (means.length == 0) {
      throw new IllegalArgumentException("a standardizer needs at least one column");
    }
    for (int c = 0; c < means.length; c++) {
      if (!Double.isFinite(means[c])) {
        throw new IllegalArgumentException("mean of column " + c + " is " + means[c]);
      }
      if (!(stds[c] > 0) || !Double.isFinite(stds[c])) {
        throw new IllegalArgumentException(
            "standard deviation of column " + c + " is " + stds[c] + ", expected > 0");
      }
    }
    return new Standardizer(means.clone(), stds.clone());
  }

  /**
   * Fits the column statistics of a row-major block.
   *
   * @param block {@code rows × columns} values, row-major, at least one row
   */
  public static Standardizer fit(float[] block, int columns) {
    if (columns <= 0 || block.length % columns != 0) {
      throw new IllegalArgumentException(
          "a block of " + block.length + " values does not hold rows of " + columns + " columns");
    }
    int rows = block.length / columns;
    if (rows == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on zero rows");
    }
    double[] means = new double[columns];
    float[] min = new float[columns];
    float[] max = new float[columns];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++, i++) {
        float v = block[i];
        means[c] += v;
        min[c] = Math.min(min[c], v);
        max[c] = Math.max(max[c], v);
      }
    }
    for (int c = 0; c < columns; c++) {
      means[c] /= rows;
    }
    // Two passes rather than a running sum of squares, which cancels badly for large offsets.
    double[] squares = new double[columns];
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++, i++) {
        double delta = block[i] - means[c];
        squares[c] += delta * delta;
      }
    }
    double[] stds = new double[columns];
    for (int c = 0; c < columns; c++) {
      // Decided on min/max, not on the computed variance, which rounding can leave a hair above 0.
      stds[c] = min[c] == max[c] ? 1.0 : Math.sqrt(squares[c] / rows);
    }
    return new Standardizer(means, stds);
  }

  /** Fits the feature columns of a dataset. */
  public static Standardizer fitFeatures(Dataset data) {
    return fit(data.features(), data.featureCount());
  }

  /** Fits the target columns of a dataset. */
  public static Standardizer fitTargets(Dataset data) {
    return fit(data.targets(), data.targetCount());
  }

  public int columns() {
    return means.length;
  }

  /** The mean of column {@code c}. */
  public double mean(int c) {
    return means[c];
  }

  /** The standard deviation of column {@code c}. */
  public double std(int c) {
    return stds[c];
  }

  /** The column means, a copy. */
  public double[] means() {
    return means.clone();
  }

  /** The column standard deviations (1 for constant columns), a copy. */
  public double[] stds() {
    return stds.clone();
  }

  /** Returns {@code (x - mean) / std} for every value of a row-major block, as a new array. */
  public float[] transform(float[] block) {
    int columns = checkShape(block);
    float[] out = new float[block.length];
    for (int i = 0; i < block.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        out[i] = (float) ((block[i] - means[c]) / stds[c]);
      }
    }
    return out;
  }

  /** Returns {@code x * std + mean} for every value of a row-major block, as a new array. */
  public float[] inverseTransform(float[] block) {
    int columns = checkShape(block);
    float[] out = new float[block.length];
    for (int i = 0; i < block.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        out[i] = (float) (block[i] * stds[c] + means[c]);
      }
    }
    return out;
  }

  private int checkShape(float[] block) {
    int columns = means.length;
    if (block.length % columns != 0) {
      throw new IllegalArgumentException(
          "a block of " + block.length + " values does not hold rows of " + columns + " columns");
    }
    return columns;
  }

  @Override
  public String toString() {
    return "Standardizer[means " + Arrays.toString(means) + ", stds " + Arrays.toString(stds) + "]";
  }
}
