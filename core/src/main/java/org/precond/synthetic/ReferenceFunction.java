package org.precond.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import org.precond.data.Dataset;

/**
 * The two-dimensional test functions of the reference experiments, and samples of them as datasets
 * with features {@code x1, x2} and target {@code y}.
 *
 * <p>Targets are computed from the coordinates after rounding them to float32, so that each stored
 * row is as exact a sample of the function as float32 allows.
 */
public enum ReferenceFunction {
  /** E1: f(x) = cos(‖x‖₂) on [−4π, 4π]², concentric ripples. */
  E1(-4 * Math.PI, 4 * Math.PI, 10_000) {
    @Override
    public double value(double x1, double x2) {
      return Math.cos(Math.hypot(x1, x2));
    }
  },
  /** E2: f(x, y) = 3x + cos(8x)/2 + sin(5y) on [0, 1]², a trend with wiggles in both directions. */
  E2(0, 1, 40) {
    @Override
    public double value(double x1, double x2) {
      return 3 * x1 + Math.cos(8 * x1) / 2 + Math.sin(5 * x2);
    }
  };

  private static final List<String> FEATURE_NAMES = List.of("x1", "x2");
  private static final List<String> TARGET_NAMES = List.of("y");

  private final double lower;
  private final double upper;
  private final int referenceSize;

  ReferenceFunction(double lower, double upper, int referenceSize) {
    this.lower = lower;
    this.upper = upper;
    this.referenceSize = referenceSize;
  }

  /** The function's value at a point. */
  public abstract double value(double x1, double x2);

  /** The names of the inputs, in the order {@link #value} takes them: x1, x2. */
  public static List<String> featureNames() {
    return FEATURE_NAMES;
  }

  /** The lower bound of the domain in each coordinate. */
  public double lower() {
    return lower;
  }

  /** The upper bound of the domain in each coordinate. */
  public double upper() {
    return upper;
  }

  /** The number of training points the reference experiment uses. */
  public int referenceSize() {
    return referenceSize;
  }

  /** {@code n} points drawn uniformly from the domain; the same seed gives the same points. */
  public Dataset uniform(int n, long seed) {
    requirePositive(n);
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (lower + random.nextDouble() * (upper - lower));
    }
    return sample(n, x);
  }

  /**
   * A regular grid of ⌈√n⌉ × ⌈√n⌉ points (so at least n) spanning the domain, corners included,
   * rows ordered with x2 varying fastest. A one-point grid is the centre of the domain.
   */
  public Dataset grid(int n) {
    requirePositive(n);
    int side = (int) Math.ceil(Math.sqrt(n));
    int points = Math.multiplyExact(side, side);
    float[] x = new float[Math.multiplyExact(2, points)];
    for (int i = 0, k = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        x[k++] = gridCoordinate(i, side);
        x[k++] = gridCoordinate(j, side);
      }
    }
    return sample(points, x);
  }

  private float gridCoordinate(int index, int side) {
    if (side == 1) {
      return (float) ((lower + upper) / 2);
    }
    return (float) (lower + (upper - lower) * index / (side - 1));
  }

  private Dataset sample(int n, float[] x) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) value(x[2 * i], x[2 * i + 1]);
    }
    return new Dataset(n, x, FEATURE_NAMES, y, TARGET_NAMES);
  }

  private static void requirePositive(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of points must be >= 1, got " + n);
    }
  }
}
