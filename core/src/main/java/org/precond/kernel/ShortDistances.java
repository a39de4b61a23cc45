package org.precond.kernel;

/**
 * {@link Kernels#squaredDistance} for fewer than 16 coordinates, in plain Java for every kernel
 * set: each of the 16 chains then holds one square at most, and adding a chain that holds none
 * adds an exact zero, so the pairwise sum shrinks to the steps that add squares, with the same
 * result to the bit. Spares low-dimensional searches, which measure many short distances, the
 * vector set-up and lane shuffles that pay only for long ones.
 */
final class ShortDistances {

  private ShortDistances() {}

  /** The squared distance over {@code d < 16} coordinates. */
  static float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    return d <= 4 ? upTo4(a, aOff, b, bOff, d) : d <= 8 ? upTo8(a, aOff, b, bOff, d)
        : upTo15(a, aOff, b, bOff, d);
  }

  private static float upTo4(float[] a, int aOff, float[] b, int bOff, int d) {
    float c0 = square(a, aOff, b, bOff, d, 0);
    float c1 = square(a, aOff, b, bOff, d, 1);
    float c2 = square(a, aOff, b, bOff, d, 2);
    float c3 = square(a, aOff, b, bOff, d, 3);
    return (c0 + c2) + (c1 + c3);
  }

  private static float upTo8(float[] a, int aOff, float[] b, int bOff, int d) {
    // The step h = 8 adds nothing: chain j + 8 is empty.
    float u0 = a[aOff] - b[bOff];
    float u1 = a[aOff + 1] - b[bOff + 1];
    float u2 = a[aOff + 2] - b[bOff + 2];
    float u3 = a[aOff + 3] - b[bOff + 3];
    u0 = u0 * u0 + square(a, aOff, b, bOff, d, 4);
    u1 = u1 * u1 + square(a, aOff, b, bOff, d, 5);
    u2 = u2 * u2 + square(a, aOff, b, bOff, d, 6);
    u3 = u3 * u3 + square(a, aOff, b, bOff, d, 7);
    return (u0 + u2) + (u1 + u3);
  }

  private static float upTo15(float[] a, int aOff, float[] b, int bOff, int d) {
    float u0 = sum4(a, aOff, b, bOff, d, 0);
    float u1 = sum4(a, aOff, b, bOff, d, 1);
    float u2 = sum4(a, aOff, b, bOff, d, 2);
    float u3 = sum4(a, aOff, b, bOff, d, 3);
    return (u0 + u2) + (u1 + u3);
  }

  /** Chains j, j + 4, j + 8 and j + 12 after the steps h = 8 and h = 4. */
  private static float sum4(float[] a, int aOff, float[] b, int bOff, int d, int j) {
    float t = a[aOff + j] - b[bOff + j];
    float u = a[aOff + j + 4] - b[bOff + j + 4];
    return (t * t + square(a, aOff, b, bOff, d, j + 8))
        + (u * u + square(a, aOff, b, bOff, d, j + 12));
  }

  /** The square of coordinate {@code i}'s gap, or 0 past the last coordinate. */
  private static float square(float[] a, int aOff, float[] b, int bOff, int d, int i) {
    if (i >= d) {
      return 0f;
    }
    float t = a[aOff + i] - b[bOff + i];
    return t * t;
  }
}
