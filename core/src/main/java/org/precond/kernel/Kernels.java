package org.precond.kernel;

/**
 * The float32 kernels of the network and of neighbour search, over blocks stored feature-major:
 * a block of {@code rows × cols} holds row {@code k} (one feature, one node) in {@code
 * [k * cols, (k + 1) * cols)}, so that the long, contiguous dimension is the data rows and every
 * kernel vectorises over it whatever the layer widths.
 *
 * <p>{@code cols} must be a multiple of {@link #COLUMN_ALIGNMENT}; callers pad blocks with zero
 * rows. Weight matrices are addressed through strides, so one kernel serves both {@code W} and
 * {@code Wᵀ}: element {@code (out, in)} is {@code w[wOff + out * wStrideOut + in * wStrideIn]}.
 *
 * <p>Every implementation sums in an order fixed by the arguments alone, so results never depend
 * on timing, compilation state or thread count. Get the fastest available one from {@link
 * #get()}; {@link ScalarKernels} is the reference the vectorised one is tested against.
 */
public interface Kernels {

  /** Block widths ({@code cols}) must be multiples of this. */
  int COLUMN_ALIGNMENT = 64;

  /**
   * {@code out[o] = bias[o] + Σ_k W(o, k) · in[k]} for each of {@code outRows} rows; {@code bias}
   * may be null for none.
   */
  void affine(
      int outRows,
      int inRows,
      int cols,
      float[] w,
      int wOff,
      int wStrideOut,
      int wStrideIn,
      float[] bias,
      int biasOff,
      float[] in,
      float[] out);

  /**
   * {@code out[o][c] = columnBias[c] + Σ_k W(o, k) · in[k][c]} (a bias per column, not per row;
   * {@code columnBias} may be null for none), also folding each row's outputs, 64 columns at a
   * time, to 16 minima: for {@code c} a multiple of 64, {@code minima[(o * cols + c) / 4 + j] =
   * min_i out[o][c + j + 16i]}, {@code i < 4}, as {@link Math#min} takes it. A threshold search
   * reads back only the columns of the few minima below its bound. {@code cols} must be a
   * multiple of 64.
   */
  void affineMinima(
      int outRows,
      int inRows,
      int cols,
      float[] w,
      int wOff,
      int wStrideOut,
      int wStrideIn,
      float[] columnBias,
      float[] in,
      float[] out,
      float[] minima);

  /**
   * {@link #affineMinima}'s product, with each row's outputs marked against a bound per row
   * instead of folded to minima: for {@code c} a multiple of 64, bit {@code j < 16} of {@code
   * below[(o * cols + c) / 64]} is set exactly when one of {@code out[o][c + j + 16i]}, {@code i <
   * 4}, is below {@code bound[o]}, and the higher bits are clear. Cheaper than the minima when the
   * bound is known beforehand: a threshold search skips a row's marks 64 columns at a time.
   */
  void affineBelow(
      int outRows,
      int inRows,
      int cols,
      float[] w,
      int wOff,
      int wStrideOut,
      int wStrideIn,
      float[] columnBias,
      float[] in,
      float[] out,
      float[] bound,
      long[] below);

  /**
   * {@link #affine} followed by PReLU: writes the pre-activation {@code z} and the activation
   * {@code a = z > 0 ? z : slope[o] · z}.
   */
  void affinePrelu(
      int outRows,
      int inRows,
      int cols,
      float[] w,
      int wOff,
      int wStrideOut,
      int wStrideIn,
      float[] bias,
      int biasOff,
      float[] slope,
      int slopeOff,
      float[] in,
      float[] z,
      float[] a);

  /**
   * Back through PReLU: from the gradient {@code dA} of the activation, writes {@code dZ} and the
   * gradients of the slopes ({@code Σ dA · min(z, 0)}) and shifts ({@code Σ dZ}) per row.
   */
  void preluBackward(
      int rows,
      int cols,
      float[] z,
      float[] slope,
      int slopeOff,
      float[] dA,
      float[] dZ,
      float[] slopeGrad,
      int slopeGradOff,
      float[] biasGrad,
      int biasGradOff);

  /**
   * The weight gradient {@code g[gOff + i * outRows + o] = Σ_c in[i][c] · dZ[o][c]} (overwritten,
   * not accumulated).
   */
  void weightGradient(
      int inRows, int outRows, int cols, float[] in, float[] dZ, float[] g, int gOff);

  /** {@code out[outOff + k] = Σ_c x[k][c]} for each row (overwritten). */
  void rowSums(int rows, int cols, float[] x, float[] out, int outOff);

  /**
   * Writes to {@code out}, from position 0 and in increasing order, every index {@code i} in
   * {@code [from, to)} with {@code x[i] < bound}, and returns how many there are: the reject test
   * of nearest-neighbour search, where almost every candidate is rejected and a vector compare
   * turns away many at once. {@code out} needs room for {@code to − from} indices.
   */
  int indicesBelow(float[] x, int from, int to, float bound, int[] out);

  /**
   * Lowers each {@code min[c]}, {@code c < cols}, to any smaller {@code x[from + r * cols + c]},
   * {@code r < rows} (by {@code <}, so a NaN is never taken and which zero is kept is left
   * open): the minima of strided groups, whose k-th smallest bounds the k-th smallest of all.
   * {@code cols} must be a multiple of 16.
   */
  void columnMinima(float[] x, int from, int rows, int cols, float[] min);

  /**
   * {@code Σ (a[aOff + i] − b[bOff + i])²} over {@code i < d}, in one order that every
   * implementation follows to the bit: 16 chains of fused multiply-adds from +0, chain {@code j}
   * over the coordinates {@code i ≡ j (mod 16)} in increasing order, then chain {@code j} added to
   * chain {@code j + h} for {@code h} = 8, 4, 2 and 1 in turn. Exactly 0 for equal points; and
   * since every step rounds monotonically, never below the same sum over gaps that are no larger,
   * which lets a tree prune by it without losing a tie.
   */
  float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d);

  /**
   * One query's distances to {@code n} candidates, in place of its dot products with them: {@code
   * d[off + j] = √(max(qNorm + norms[j] − 2 · d[off + j], 0) + epsilon)}; returns their minimum.
   * Plain float arithmetic without fused multiply-adds, so that every implementation gives the
   * same bits.
   */
  float softDistances(int n, float qNorm, float[] norms, float epsilon, float[] d, int off);

  /**
   * {@code e[off + j] = }{@link Exp#negative}{@code (shift − d[off + j])} for {@code j < n}, to
   * the bit: the weights of a softmax over negative distances, {@code shift} the smallest.
   */
  void negativeExp(int n, float shift, float[] d, int off, float[] e);

  /**
   * The soft-neighbour loss's gradient coefficients of one query, in place of its distances:
   * {@code d[off + j] = −(e[off + j] / total) · (u − mean) / d[off + j]} with {@code u = Σₒ g[o]
   * · t[o · stride + j]} over {@code o < outputs} in order, for {@code j < n}; plain float
   * arithmetic, the same bits in every implementation.
   */
  void softNeighborCoefficients(
      int n, float[] e, float total, float[] g, int outputs, float[] t, int stride, float mean,
      float[] d, int off);

  /** A short name for logs and benchmarks. */
  String name();

  /** The fastest implementation this JVM can run, chosen once. */
  static Kernels get() {
    return KernelProvider.INSTANCE;
  }
}
