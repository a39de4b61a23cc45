package org.precond.neighbors;

import java.util.Objects;
import org.precond.kernel.Kernels;

/**
 * The points an index searches, copied row-major and checked, with the one squared distance that
 * every index ranks by. Both indexes compute it by the same function, so they return the same
 * neighbours and the same distances, ties included.
 */
final class IndexedPoints {

  final float[] rows;
  final int size;
  final int dimension;
  private final Kernels kernels;

  IndexedPoints(float[] points, int dimension, Kernels kernels) {
    this(points, dimension, kernels, true);
  }

  /**
   * @param copy whether to copy {@code points}; without, the caller promises never to change them
   */
  IndexedPoints(float[] points, int dimension, Kernels kernels, boolean copy) {
    this.kernels = kernels;
    Objects.requireNonNull(points, "points");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    if (points.length == 0 || points.length % dimension != 0) {
      throw new IllegalArgumentException(
          "points have "
              + points.length
              + " values, not a positive multiple of the dimension "
              + dimension);
    }
    checkValues(points, dimension, "point");
    this.rows = copy ? points.clone() : points;
    this.size = points.length / dimension;
    this.dimension = dimension;
  }

  /**
   * The squared distance of row {@code aOff} of {@code a} to row {@code bOff} of {@code b}, each
   * of {@link #dimension} coordinates, by {@link Kernels#squaredDistance}: rounding is monotone,
   * which is what lets {@link KdTree} prune without ever losing a tie.
   */
  float squaredDistance(float[] a, int aOff, float[] b, int bOff) {
    return kernels.squaredDistance(a, aOff, b, bOff, dimension);
  }

  /** The number of row-major queries in {@code queries}, after checking them. */
  int checkQueries(float[] queries) {
    Objects.requireNonNull(queries, "queries");
    if (queries.length % dimension != 0) {
      throw new IllegalArgumentException(
          "queries have "
              + queries.length
              + " values, not a multiple of the dimension "
              + dimension);
    }
    checkValues(queries, dimension, "query");
    return queries.length / dimension;
  }

  /** Checks that {@code k} neighbours exist among {@code available} candidate points. */
  static void checkK(int k, int available, String among) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (k > available) {
      throw new IllegalArgumentException(
          "k = " + k + " but there are only " + available + " " + among);
    }
  }

  /**
   * Rejects non-finite coordinates, and coordinates so large that a squared distance (or the
   * squared norms {@link ExactIndex} works with) would overflow float32.
   */
  private static void checkValues(float[] x, int d, String what) {
    // Without a branch per value the loop runs several times faster; a NaN or an infinity carries
    // through to the largest magnitude, and only then is the first one looked for.
    float largest = 0f;
    for (float v : x) {
      largest = Math.max(largest, Math.abs(v));
    }
    if (!Float.isFinite(largest)) {
      for (int i = 0; i < x.length; i++) {
        if (!Float.isFinite(x[i])) {
          throw new IllegalArgumentException(
              what + " " + i / d + ", coordinate " + i % d + " is " + x[i] + "; it must be finite");
        }
      }
    }
    // Centred coordinates stay below 2·largest, so every sum of squares stays below this.
    if (16.0 * d * largest * largest >= Float.MAX_VALUE) {
      throw new IllegalArgumentException(
          what
              + " coordinates reach "
              + largest
              + ", too large for float32 squared distances in "
              + d
              + " dimensions; rescale the data");
    }
  }
}
