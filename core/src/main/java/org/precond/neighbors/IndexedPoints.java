package org.precond.neighbors;

import java.util.Objects;

/**
 * The points an index searches, copied row-major and checked, with the one squared distance that
 * every index ranks by. Both indexes compute it by the same function, so they return the same
 * neighbours and the same distances, ties included.
 */
final class IndexedPoints {

  final float[] rows;
  final int size;
  final int dimension;

  IndexedPoints(float[] points, int dimension) {
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
    this.rows = points.clone();
    this.size = points.length / dimension;
    this.dimension = dimension;
  }

  /**
   * {@code Σ (a − b)²} over the {@code d} coordinates, in four interleaved fused multiply-add
   * chains (so that consecutive coordinates do not wait on each other) added pairwise. Exactly 0
   * for equal points; and since every step rounds monotonically, never below the same sum over
   * coordinate gaps that are no larger, which is what lets {@link KdTree} prune without ever
   * losing a tie.
   */
  static float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 4 <= d; k += 4) {
      float t0 = a[aOff + k] - b[bOff + k];
      float t1 = a[aOff + k + 1] - b[bOff + k + 1];
      float t2 = a[aOff + k + 2] - b[bOff + k + 2];
      float t3 = a[aOff + k + 3] - b[bOff + k + 3];
      s0 = Math.fma(t0, t0, s0);
      s1 = Math.fma(t1, t1, s1);
      s2 = Math.fma(t2, t2, s2);
      s3 = Math.fma(t3, t3, s3);
    }
    for (; k < d; k++) {
      float t = a[aOff + k] - b[bOff + k];
      s0 = Math.fma(t, t, s0);
    }
    return (s0 + s1) + (s2 + s3);
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
    float largest = 0f;
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            what + " " + i / d + ", coordinate " + i % d + " is " + v + "; it must be finite");
      }
      largest = Math.max(largest, Math.abs(v));
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
