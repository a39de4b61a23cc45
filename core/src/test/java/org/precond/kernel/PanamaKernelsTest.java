package org.precond.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

/** The Vector API kernels against the plain-Java reference, over awkward shapes. */
class PanamaKernelsTest extends RandomizedTest {

  private final Kernels fast = new PanamaKernels();
  private final Kernels reference = new ScalarKernels();

  private float[] randomArray(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random().nextGaussian();
    }
    return a;
  }

  private void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance * scale, what + " at " + i);
    }
  }

  @Test
  void affineAndPreluMatchReferenceForEveryTileRemainder() {
    for (int out = 1; out <= 9; out++) {
      for (int in : new int[] {1, 2, 5, 32}) {
        for (int cols : new int[] {64, 128}) {
          boolean transposed = random().nextBoolean();
          float[] w = randomArray(3 + in * out);
          float[] bias = randomArray(out + 2);
          float[] slope = randomArray(out + 1);
          float[] x = randomArray(in * cols);
          int strideOut = transposed ? in : 1;
          int strideIn = transposed ? 1 : out;
          float[] z1 = new float[out * cols], a1 = new float[out * cols];
          float[] z2 = new float[out * cols], a2 = new float[out * cols];
          reference.affinePrelu(
              out, in, cols, w, 3, strideOut, strideIn, bias, 2, slope, 1, x, z1, a1);
          fast.affinePrelu(out, in, cols, w, 3, strideOut, strideIn, bias, 2, slope, 1, x, z2, a2);
          // Both sum over the inputs in order with fused multiply-adds: identical results.
          assertClose(z1, z2, 0, "z " + out + "x" + in);
          assertClose(a1, a2, 0, "a " + out + "x" + in);
          reference.affine(out, in, cols, w, 3, strideOut, strideIn, null, 0, x, z1);
          fast.affine(out, in, cols, w, 3, strideOut, strideIn, null, 0, x, z2);
          assertClose(z1, z2, 0, "affine " + out + "x" + in);
        }
      }
    }
  }

  @Test
  void affineMinimaFoldTheSameOutputs() {
    for (int out = 1; out <= 9; out++) {
      for (int cols : new int[] {64, 192, 1024}) {
        int in = 1 + random().nextInt(40);
        float[] w = randomArray(2 + in * out);
        float[] x = randomArray(in * cols);
        float[] columnBias = random().nextBoolean() ? randomArray(cols) : null;
        float[] z1 = new float[out * cols], z2 = new float[out * cols];
        float[] minima1 = new float[out * cols / 4], minima2 = new float[out * cols / 4];
        reference.affineMinima(out, in, cols, w, 2, in, 1, columnBias, x, z1, minima1);
        fast.affineMinima(out, in, cols, w, 2, in, 1, columnBias, x, z2, minima2);
        // Both sum from the bias over the inputs in order with fused multiply-adds: identical.
        assertClose(z1, z2, 0, "affineMinima " + out + "x" + in);
        for (int o = 0; o < out; o++) {
          for (int c = 0; c < cols; c += 64) {
            for (int j = 0; j < 16; j++) {
              float min = Float.POSITIVE_INFINITY;
              for (int i = 0; i < 4; i++) {
                min = Math.min(min, z1[o * cols + c + j + 16 * i]);
              }
              String what =
                  "row " + o + ", minimum " + j + " from column " + c + " of " + out + "x" + in
                      + "x" + cols;
              assertEquals(min, minima1[(o * cols + c) / 4 + j], what);
              assertEquals(min, minima2[(o * cols + c) / 4 + j], what);
            }
          }
        }
      }
    }
  }

  @Test
  void affineBelowMarksTheSameOutputs() {
    for (int out = 1; out <= 9; out++) {
      for (int cols : new int[] {64, 192, 1024}) {
        int in = 1 + random().nextInt(40);
        float[] w = randomArray(2 + in * out);
        float[] x = randomArray(in * cols);
        float[] columnBias = random().nextBoolean() ? randomArray(cols) : null;
        float[] bound = new float[out];
        for (int o = 0; o < out; o++) {
          // From no output below to all of them.
          bound[o] = (float) (Math.sqrt(in) * (random().nextInt(11) - 7) / 2);
        }
        bound[0] = Float.POSITIVE_INFINITY;
        float[] z1 = new float[out * cols], z2 = new float[out * cols];
        long[] below1 = new long[out * cols / 64], below2 = new long[out * cols / 64];
        // Stale marks from an earlier call must not survive.
        Arrays.fill(below2, -1L);
        reference.affineBelow(out, in, cols, w, 2, in, 1, columnBias, x, z1, bound, below1);
        fast.affineBelow(out, in, cols, w, 2, in, 1, columnBias, x, z2, bound, below2);
        assertClose(z1, z2, 0, "affineBelow " + out + "x" + in);
        for (int o = 0; o < out; o++) {
          for (int c = 0; c < cols; c += 64) {
            long marks = 0;
            for (int j = 0; j < 64; j++) {
              if (z1[o * cols + c + j] < bound[o]) {
                marks |= 1L << (j % 16);
              }
            }
            String what = "row " + o + ", columns from " + c + " of " + out + "x" + in + "x" + cols;
            assertEquals(marks, below1[(o * cols + c) / 64], what);
            assertEquals(marks, below2[(o * cols + c) / 64], what);
          }
        }
        assertEquals(0xffffL, below1[0]);
      }
    }
  }

  /** {@link Kernels#squaredDistance} exactly as its contract spells it out. */
  private static float sixteenChains(float[] a, int aOff, float[] b, int bOff, int d) {
    float[] chains = new float[16];
    for (int i = 0; i < d; i++) {
      float t = a[aOff + i] - b[bOff + i];
      chains[i % 16] = Math.fma(t, t, chains[i % 16]);
    }
    for (int h = 8; h > 0; h /= 2) {
      for (int j = 0; j < h; j++) {
        chains[j] += chains[j + h];
      }
    }
    return chains[0];
  }

  @Test
  void squaredDistancesFollowTheirContractToTheBit() {
    for (int d = 1; d <= 70; d++) {
      float[] a = randomArray(3 + 2 * d);
      float[] b = randomArray(5 + d);
      for (int trial = 0; trial < 5; trial++) {
        int aOff = random().nextInt(a.length - d + 1);
        int bOff = random().nextInt(b.length - d + 1);
        String what = "d=" + d;
        float expected = sixteenChains(a, aOff, b, bOff, d);
        assertEquals(expected, reference.squaredDistance(a, aOff, b, bOff, d), what);
        assertEquals(expected, fast.squaredDistance(a, aOff, b, bOff, d), what);
        // Against the sum in double: the float sum errs by a few units in the last place.
        double exact = 0;
        for (int i = 0; i < d; i++) {
          double t = (double) a[aOff + i] - b[bOff + i];
          exact += t * t;
        }
        assertEquals(exact, expected, 1e-6 * exact * Math.sqrt(d), what);
      }
      assertEquals(0f, fast.squaredDistance(a, 1, a, 1, d), "equal points, d=" + d);
    }
  }

  @Test
  void columnMinimaMatchReference() {
    for (int cols : new int[] {16, 32, 64}) {
      for (int rows : new int[] {0, 1, 7, 32}) {
        float[] x = randomArray(3 + rows * cols);
        float[] min1 = randomArray(cols);
        float[] min2 = min1.clone();
        reference.columnMinima(x, 3, rows, cols, min1);
        fast.columnMinima(x, 3, rows, cols, min2);
        assertClose(min1, min2, 0, "minima of " + rows + "x" + cols);
      }
    }
  }

  @Test
  void weightGradientMatchesReference() {
    for (int in = 1; in <= 9; in++) {
      for (int out : new int[] {1, 3, 4, 7, 32, 40, 128}) {
        int cols = 64 * (1 + random().nextInt(3));
        float[] x = randomArray(in * cols);
        float[] d = randomArray(out * cols);
        float[] g1 = randomArray(5 + in * out);
        float[] g2 = g1.clone();
        reference.weightGradient(in, out, cols, x, d, g1, 5);
        fast.weightGradient(in, out, cols, x, d, g2, 5);
        assertClose(g1, g2, 1e-4, "gradient " + in + "x" + out);
      }
    }
  }

  /**
   * The soft-neighbour kernels give the reference's bits, over lengths with and without a
   * remainder past the last full vector, with a far candidate whose weight underflows to 0 and an
   * excluded one (infinitely far).
   */
  @Test
  void softNeighborKernelsGiveTheReferencesBits() {
    for (int n : new int[] {1, 3, 16, 37, 64, 130}) {
      for (int outputs : new int[] {1, 3}) {
        int off = 5;
        float[] norms = randomArray(n);
        for (int j = 0; j < n; j++) {
          norms[j] = Math.abs(norms[j]) * 3;
        }
        float[] dots = randomArray(off + n + 7);
        float qNorm = 2.5f;
        float[] d1 = dots.clone();
        float[] d2 = dots.clone();
        float min1 = reference.softDistances(n, qNorm, norms, 1e-6f, d1, off);
        float min2 = fast.softDistances(n, qNorm, norms, 1e-6f, d2, off);
        assertEquals(min1, min2, 0, "minimum of " + n);
        assertArrayEquals(d1, d2, "distances of " + n);
        d1[off + n / 2] = Float.POSITIVE_INFINITY;
        d1[off] = min1 + 200;
        d2 = d1.clone();
        float[] e1 = new float[d1.length];
        float[] e2 = new float[d1.length];
        reference.negativeExp(n, min1, d1, off, e1);
        fast.negativeExp(n, min1, d2, off, e2);
        assertArrayEquals(e1, e2, "weights of " + n);
        assertEquals(0f, e1[off + n / 2], "the excluded candidate's weight");
        float[] t = randomArray(outputs * (n + 3));
        float[] g = randomArray(outputs);
        reference.softNeighborCoefficients(n, e1, 7.5f, g, outputs, t, n + 3, 0.25f, d1, off);
        fast.softNeighborCoefficients(n, e2, 7.5f, g, outputs, t, n + 3, 0.25f, d2, off);
        assertArrayEquals(d1, d2, "coefficients of " + n + " with " + outputs + " outputs");
        assertEquals(0f, Math.abs(d1[off + n / 2]), "the excluded candidate's coefficient");
      }
    }
  }

  @Test
  void preluBackwardAndRowSumsMatchReference() {
    int rows = 5;
    int cols = 192;
    float[] z = randomArray(rows * cols);
    float[] slope = randomArray(rows);
    float[] dA = randomArray(rows * cols);
    float[] dZ1 = new float[rows * cols], dZ2 = new float[rows * cols];
    float[] gs1 = new float[rows], gs2 = new float[rows], gb1 = new float[rows + 1];
    float[] gb2 = new float[rows + 1];
    reference.preluBackward(rows, cols, z, slope, 0, dA, dZ1, gs1, 0, gb1, 1);
    fast.preluBackward(rows, cols, z, slope, 0, dA, dZ2, gs2, 0, gb2, 1);
    assertClose(dZ1, dZ2, 0, "dZ");
    assertClose(gs1, gs2, 1e-4, "slope gradient");
    assertClose(gb1, gb2, 1e-4, "shift gradient");
    float[] s1 = new float[rows], s2 = new float[rows];
    reference.rowSums(rows, cols, dA, s1, 0);
    fast.rowSums(rows, cols, dA, s2, 0);
    assertClose(s1, s2, 1e-4, "row sums");
  }

  @Test
  void preluPassesPositivesAndScalesNegatives() {
    int cols = 64;
    float[] w = {1f};
    float[] x = new float[cols];
    for (int c = 0; c < cols; c++) {
      x[c] = c - 32;
    }
    float[] z = new float[cols], a = new float[cols];
    fast.affinePrelu(1, 1, cols, w, 0, 1, 1, new float[] {0.5f}, 0, new float[] {0.25f}, 0, x, z, a);
    for (int c = 0; c < cols; c++) {
      float expectedZ = c - 32 + 0.5f;
      assertEquals(expectedZ, z[c]);
      assertEquals(expectedZ > 0 ? expectedZ : 0.25f * expectedZ, a[c]);
    }
  }

  @Test
  void indicesBelowMatchReferenceAtEveryOffset() {
    float[] x = randomArray(200);
    int[] expected = new int[200];
    int[] actual = new int[200];
    for (int from = 0; from < 70; from++) {
      for (int to : new int[] {from, from + 1, from + 15, from + 17, from + 63, from + 64, 200}) {
        for (float bound : new float[] {-3f, -2f, -0.5f, 0f, Float.POSITIVE_INFINITY}) {
          String what = "below " + bound + " in [" + from + ", " + to + ")";
          int count = reference.indicesBelow(x, from, to, bound, expected);
          assertEquals(count, fast.indicesBelow(x, from, to, bound, actual), what);
          for (int i = 0; i < count; i++) {
            assertEquals(expected[i], actual[i], what);
          }
          for (int i = from, j = 0; i < to; i++) {
            if (x[i] < bound) {
              assertEquals(i, expected[j++], what);
            }
          }
        }
      }
    }
  }
}
