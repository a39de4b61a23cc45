package org.precond.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels, register-blocked: the matrix products keep a 4 × 4 tile of vector
 * accumulators (four output rows by four vectors of columns) so that each loaded vector feeds four
 * fused multiply-adds. Horizontal sums store the lanes and add them in lane order, because {@code
 * reduceLanes} leaves the order to the implementation and would make results depend on whether a
 * method happened to be compiled yet.
 *
 * <p>Only loaded through {@link KernelProvider} once the incubator module is known to be readable.
 */
final class PanamaKernels implements Kernels {

  private static final VectorSpecies<Float> S =
      FloatVector.SPECIES_PREFERRED.length() <= COLUMN_ALIGNMENT / 4
          ? FloatVector.SPECIES_PREFERRED
          : FloatVector.SPECIES_512;
  private static final int L = S.length();
  /** Lane {@code j} takes lane {@code j + h}: the steps of {@link #squaredDistance}'s sum. */
  private static final VectorShuffle<Float> PLUS_8 = VectorShuffle.iota(S, 8, 1, true);
  private static final VectorShuffle<Float> PLUS_4 = VectorShuffle.iota(S, 4, 1, true);
  private static final VectorShuffle<Float> PLUS_2 = VectorShuffle.iota(S, 2, 1, true);
  private static final VectorShuffle<Float> PLUS_1 = VectorShuffle.iota(S, 1, 1, true);

  PanamaKernels() {
    if (L < 4) {
      throw new UnsupportedOperationException("vector species too narrow to pay: " + S);
    }
  }

  @Override
  public void affine(
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
      float[] out) {
    affineMaybePrelu(
        outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, bias, biasOff, null, 0, in, out,
        null);
  }

  @Override
  public void affinePrelu(
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
      float[] a) {
    affineMaybePrelu(
        outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, bias, biasOff, slope, slopeOff, in,
        z, a);
  }

  private static void affineMaybePrelu(
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
      float[] a) {
    int o = 0;
    for (; o + 4 <= outRows; o += 4) {
      affineTile4(
          o, inRows, cols, w, wOff + o * wStrideOut, wStrideOut, wStrideIn, bias, biasOff, slope,
          slopeOff, in, z, a);
    }
    for (; o < outRows; o++) {
      affineRow(
          o, inRows, cols, w, wOff + o * wStrideOut, wStrideIn, bias, biasOff, slope, slopeOff, in,
          z, a);
    }
  }

  /** Four output rows at once: per input row, four loads feed sixteen FMAs. */
  private static void affineTile4(
      int o,
      int inRows,
      int cols,
      float[] w,
      int w0,
      int wStrideOut,
      int wStrideIn,
      float[] bias,
      int biasOff,
      float[] slope,
      int slopeOff,
      float[] in,
      float[] z,
      float[] a) {
    int w1 = w0 + wStrideOut;
    int w2 = w1 + wStrideOut;
    int w3 = w2 + wStrideOut;
    float b0 = bias == null ? 0f : bias[biasOff + o];
    float b1 = bias == null ? 0f : bias[biasOff + o + 1];
    float b2 = bias == null ? 0f : bias[biasOff + o + 2];
    float b3 = bias == null ? 0f : bias[biasOff + o + 3];
    for (int c = 0; c < cols; c += 4 * L) {
      FloatVector a00 = FloatVector.broadcast(S, b0), a01 = a00, a02 = a00, a03 = a00;
      FloatVector a10 = FloatVector.broadcast(S, b1), a11 = a10, a12 = a10, a13 = a10;
      FloatVector a20 = FloatVector.broadcast(S, b2), a21 = a20, a22 = a20, a23 = a20;
      FloatVector a30 = FloatVector.broadcast(S, b3), a31 = a30, a32 = a30, a33 = a30;
      for (int k = 0; k < inRows; k++) {
        int x = k * cols + c;
        FloatVector x0 = FloatVector.fromArray(S, in, x);
        FloatVector x1 = FloatVector.fromArray(S, in, x + L);
        FloatVector x2 = FloatVector.fromArray(S, in, x + 2 * L);
        FloatVector x3 = FloatVector.fromArray(S, in, x + 3 * L);
        int wk = k * wStrideIn;
        FloatVector v = FloatVector.broadcast(S, w[w0 + wk]);
        a00 = x0.fma(v, a00);
        a01 = x1.fma(v, a01);
        a02 = x2.fma(v, a02);
        a03 = x3.fma(v, a03);
        v = FloatVector.broadcast(S, w[w1 + wk]);
        a10 = x0.fma(v, a10);
        a11 = x1.fma(v, a11);
        a12 = x2.fma(v, a12);
        a13 = x3.fma(v, a13);
        v = FloatVector.broadcast(S, w[w2 + wk]);
        a20 = x0.fma(v, a20);
        a21 = x1.fma(v, a21);
        a22 = x2.fma(v, a22);
        a23 = x3.fma(v, a23);
        v = FloatVector.broadcast(S, w[w3 + wk]);
        a30 = x0.fma(v, a30);
        a31 = x1.fma(v, a31);
        a32 = x2.fma(v, a32);
        a33 = x3.fma(v, a33);
      }
      int r = o * cols + c;
      a00.intoArray(z, r);
      a01.intoArray(z, r + L);
      a02.intoArray(z, r + 2 * L);
      a03.intoArray(z, r + 3 * L);
      r += cols;
      a10.intoArray(z, r);
      a11.intoArray(z, r + L);
      a12.intoArray(z, r + 2 * L);
      a13.intoArray(z, r + 3 * L);
      r += cols;
      a20.intoArray(z, r);
      a21.intoArray(z, r + L);
      a22.intoArray(z, r + 2 * L);
      a23.intoArray(z, r + 3 * L);
      r += cols;
      a30.intoArray(z, r);
      a31.intoArray(z, r + L);
      a32.intoArray(z, r + 2 * L);
      a33.intoArray(z, r + 3 * L);
      if (slope != null) {
        for (int q = 0; q < 4; q++) {
          prelu(z, a, slope[slopeOff + o + q], (o + q) * cols + c);
        }
      }
    }
  }

  private static void affineRow(
      int o,
      int inRows,
      int cols,
      float[] w,
      int w0,
      int wStrideIn,
      float[] bias,
      int biasOff,
      float[] slope,
      int slopeOff,
      float[] in,
      float[] z,
      float[] a) {
    float b = bias == null ? 0f : bias[biasOff + o];
    for (int c = 0; c < cols; c += 4 * L) {
      FloatVector a0 = FloatVector.broadcast(S, b), a1 = a0, a2 = a0, a3 = a0;
      for (int k = 0; k < inRows; k++) {
        int x = k * cols + c;
        FloatVector v = FloatVector.broadcast(S, w[w0 + k * wStrideIn]);
        a0 = FloatVector.fromArray(S, in, x).fma(v, a0);
        a1 = FloatVector.fromArray(S, in, x + L).fma(v, a1);
        a2 = FloatVector.fromArray(S, in, x + 2 * L).fma(v, a2);
        a3 = FloatVector.fromArray(S, in, x + 3 * L).fma(v, a3);
      }
      int r = o * cols + c;
      a0.intoArray(z, r);
      a1.intoArray(z, r + L);
      a2.intoArray(z, r + 2 * L);
      a3.intoArray(z, r + 3 * L);
      if (slope != null) {
        prelu(z, a, slope[slopeOff + o], r);
      }
    }
  }

  /**
   * PReLU of the {@code 4 L} pre-activations at {@code at}, read back from {@code z}: passing the
   * accumulators to a method instead could cost their staying in registers.
   */
  private static void prelu(float[] z, float[] a, float s, int at) {
    for (int c = at; c < at + 4 * L; c += L) {
      FloatVector v = FloatVector.fromArray(S, z, c);
      v.blend(v.mul(s), v.compare(VectorOperators.LT, 0f)).intoArray(a, c);
    }
  }

  @Override
  public void affineMinima(
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
      float[] minima) {
    screened(
        outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, columnBias, in, out, minima, null,
        null);
  }

  @Override
  public void affineBelow(
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
      long[] below) {
    screened(
        outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, columnBias, in, out, null, bound,
        below);
  }

  /**
   * {@link #affineMinima} when {@code below} is null, else {@link #affineBelow}: the product is
   * the same, only what each row's four vectors are folded to differs.
   */
  private static void screened(
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
      float[] minima,
      float[] bound,
      long[] below) {
    int o = 0;
    for (; o + 4 <= outRows; o += 4) {
      screenedTile4(
          o, inRows, cols, w, wOff + o * wStrideOut, wStrideOut, wStrideIn, columnBias, in, out,
          minima, bound, below);
    }
    for (; o < outRows; o++) {
      screenedRow(
          o, inRows, cols, w, wOff + o * wStrideOut, wStrideIn, columnBias, in, out, minima,
          bound, below);
    }
    if (L < 16) {
      // Narrower vectors than the 16 columns a fold spans: read the outputs back instead.
      if (below == null) {
        foldMinima(outRows, cols, out, minima);
      } else {
        foldBelow(outRows, cols, out, bound, below);
      }
    }
  }

  /**
   * {@link #affineTile4}'s product started from the column bias; with 16 lanes, each row's four
   * vectors are also folded to their minima or marks while still in registers.
   */
  private static void screenedTile4(
      int o,
      int inRows,
      int cols,
      float[] w,
      int w0,
      int wStrideOut,
      int wStrideIn,
      float[] columnBias,
      float[] in,
      float[] out,
      float[] minima,
      float[] bound,
      long[] below) {
    int w1 = w0 + wStrideOut;
    int w2 = w1 + wStrideOut;
    int w3 = w2 + wStrideOut;
    float b0 = below == null ? 0f : bound[o];
    float b1 = below == null ? 0f : bound[o + 1];
    float b2 = below == null ? 0f : bound[o + 2];
    float b3 = below == null ? 0f : bound[o + 3];
    for (int c = 0; c < cols; c += 4 * L) {
      FloatVector a00 = start(columnBias, c);
      FloatVector a01 = start(columnBias, c + L);
      FloatVector a02 = start(columnBias, c + 2 * L);
      FloatVector a03 = start(columnBias, c + 3 * L);
      FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
      FloatVector a20 = a00, a21 = a01, a22 = a02, a23 = a03;
      FloatVector a30 = a00, a31 = a01, a32 = a02, a33 = a03;
      for (int k = 0; k < inRows; k++) {
        int x = k * cols + c;
        FloatVector x0 = FloatVector.fromArray(S, in, x);
        FloatVector x1 = FloatVector.fromArray(S, in, x + L);
        FloatVector x2 = FloatVector.fromArray(S, in, x + 2 * L);
        FloatVector x3 = FloatVector.fromArray(S, in, x + 3 * L);
        int wk = k * wStrideIn;
        FloatVector v = FloatVector.broadcast(S, w[w0 + wk]);
        a00 = x0.fma(v, a00);
        a01 = x1.fma(v, a01);
        a02 = x2.fma(v, a02);
        a03 = x3.fma(v, a03);
        v = FloatVector.broadcast(S, w[w1 + wk]);
        a10 = x0.fma(v, a10);
        a11 = x1.fma(v, a11);
        a12 = x2.fma(v, a12);
        a13 = x3.fma(v, a13);
        v = FloatVector.broadcast(S, w[w2 + wk]);
        a20 = x0.fma(v, a20);
        a21 = x1.fma(v, a21);
        a22 = x2.fma(v, a22);
        a23 = x3.fma(v, a23);
        v = FloatVector.broadcast(S, w[w3 + wk]);
        a30 = x0.fma(v, a30);
        a31 = x1.fma(v, a31);
        a32 = x2.fma(v, a32);
        a33 = x3.fma(v, a33);
      }
      int r = o * cols + c;
      a00.intoArray(out, r);
      a01.intoArray(out, r + L);
      a02.intoArray(out, r + 2 * L);
      a03.intoArray(out, r + 3 * L);
      r += cols;
      a10.intoArray(out, r);
      a11.intoArray(out, r + L);
      a12.intoArray(out, r + 2 * L);
      a13.intoArray(out, r + 3 * L);
      r += cols;
      a20.intoArray(out, r);
      a21.intoArray(out, r + L);
      a22.intoArray(out, r + 2 * L);
      a23.intoArray(out, r + 3 * L);
      r += cols;
      a30.intoArray(out, r);
      a31.intoArray(out, r + L);
      a32.intoArray(out, r + 2 * L);
      a33.intoArray(out, r + 3 * L);
      if (L == 16 && below == null) {
        int at = (o * cols + c) >>> 2;
        a00.min(a01).min(a02.min(a03)).intoArray(minima, at);
        a10.min(a11).min(a12.min(a13)).intoArray(minima, at + (cols >>> 2));
        a20.min(a21).min(a22.min(a23)).intoArray(minima, at + 2 * (cols >>> 2));
        a30.min(a31).min(a32.min(a33)).intoArray(minima, at + 3 * (cols >>> 2));
      } else if (L == 16) {
        int at = (o * cols + c) >>> 6;
        below[at] = a00.lt(b0).or(a01.lt(b0)).or(a02.lt(b0).or(a03.lt(b0))).toLong();
        below[at + (cols >>> 6)] = a10.lt(b1).or(a11.lt(b1)).or(a12.lt(b1).or(a13.lt(b1))).toLong();
        below[at + 2 * (cols >>> 6)] =
            a20.lt(b2).or(a21.lt(b2)).or(a22.lt(b2).or(a23.lt(b2))).toLong();
        below[at + 3 * (cols >>> 6)] =
            a30.lt(b3).or(a31.lt(b3)).or(a32.lt(b3).or(a33.lt(b3))).toLong();
      }
    }
  }

  private static void screenedRow(
      int o,
      int inRows,
      int cols,
      float[] w,
      int w0,
      int wStrideIn,
      float[] columnBias,
      float[] in,
      float[] out,
      float[] minima,
      float[] bound,
      long[] below) {
    float b = below == null ? 0f : bound[o];
    for (int c = 0; c < cols; c += 4 * L) {
      FloatVector a0 = start(columnBias, c);
      FloatVector a1 = start(columnBias, c + L);
      FloatVector a2 = start(columnBias, c + 2 * L);
      FloatVector a3 = start(columnBias, c + 3 * L);
      for (int k = 0; k < inRows; k++) {
        int x = k * cols + c;
        FloatVector v = FloatVector.broadcast(S, w[w0 + k * wStrideIn]);
        a0 = FloatVector.fromArray(S, in, x).fma(v, a0);
        a1 = FloatVector.fromArray(S, in, x + L).fma(v, a1);
        a2 = FloatVector.fromArray(S, in, x + 2 * L).fma(v, a2);
        a3 = FloatVector.fromArray(S, in, x + 3 * L).fma(v, a3);
      }
      int r = o * cols + c;
      a0.intoArray(out, r);
      a1.intoArray(out, r + L);
      a2.intoArray(out, r + 2 * L);
      a3.intoArray(out, r + 3 * L);
      if (L == 16 && below == null) {
        a0.min(a1).min(a2.min(a3)).intoArray(minima, r >>> 2);
      } else if (L == 16) {
        below[r >>> 6] = a0.lt(b).or(a1.lt(b)).or(a2.lt(b).or(a3.lt(b))).toLong();
      }
    }
  }

  /**
   * {@link #affineMinima}'s minima read back from the outputs, for vectors narrower than the 16
   * columns a minimum spans.
   */
  private static void foldMinima(int rows, int cols, float[] out, float[] minima) {
    for (int at = 0; at < rows * cols; at += 64) {
      for (int j = 0; j < 16; j += L) {
        FloatVector.fromArray(S, out, at + j)
            .min(FloatVector.fromArray(S, out, at + j + 16))
            .min(
                FloatVector.fromArray(S, out, at + j + 32)
                    .min(FloatVector.fromArray(S, out, at + j + 48)))
            .intoArray(minima, (at >>> 2) + j);
      }
    }
  }

  /**
   * {@link #affineBelow}'s marks read back from the outputs, for vectors narrower than the 16
   * columns a mark spans.
   */
  private static void foldBelow(int rows, int cols, float[] out, float[] bound, long[] below) {
    for (int o = 0; o < rows; o++) {
      float b = bound[o];
      for (int at = o * cols; at < (o + 1) * cols; at += 64) {
        long marks = 0;
        for (int j = 0; j < 16; j += L) {
          VectorMask<Float> m =
              FloatVector.fromArray(S, out, at + j)
                  .lt(b)
                  .or(FloatVector.fromArray(S, out, at + j + 16).lt(b))
                  .or(
                      FloatVector.fromArray(S, out, at + j + 32)
                          .lt(b)
                          .or(FloatVector.fromArray(S, out, at + j + 48).lt(b)));
          marks |= m.toLong() << j;
        }
        below[at >>> 6] = marks;
      }
    }
  }

  /** The column bias at {@code c}, or zeros when there is none. */
  private static FloatVector start(float[] columnBias, int c) {
    return columnBias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, columnBias, c);
  }

  @Override
  public void preluBackward(
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
      int biasGradOff) {
    float[] lanes = new float[L];
    FloatVector zero = FloatVector.zero(S);
    for (int o = 0; o < rows; o++) {
      float s = slope[slopeOff + o];
      FloatVector gs = zero;
      FloatVector gb = zero;
      for (int c = o * cols, end = c + cols; c < end; c += L) {
        FloatVector v = FloatVector.fromArray(S, z, c);
        FloatVector g = FloatVector.fromArray(S, dA, c);
        VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
        FloatVector d = g.blend(g.mul(s), negative);
        d.intoArray(dZ, c);
        gs = g.fma(v.min(0f), gs);
        gb = gb.add(d);
      }
      slopeGrad[slopeGradOff + o] = sumLanes(gs, lanes);
      biasGrad[biasGradOff + o] = sumLanes(gb, lanes);
    }
  }

  @Override
  public void weightGradient(
      int inRows, int outRows, int cols, float[] in, float[] dZ, float[] g, int gOff) {
    int wide = outRows - outRows % L;
    if (wide > 0) {
      transposedGradient(inRows, outRows, wide, cols, in, dZ, g, gOff);
    }
    float[] lanes = new float[L];
    for (int i = 0; i < inRows; i++) {
      for (int o = wide; o < outRows; o++) {
        g[gOff + i * outRows + o] = dot(in, i * cols, dZ, o * cols, cols, lanes);
      }
    }
  }

  /**
   * The weight gradient's first {@code wide} outputs (a multiple of the lane count), vectorised
   * over the outputs instead of the columns: with {@code dZ} transposed, each column adds a
   * broadcast input times a vector of output gradients, so no sum ever crosses lanes — summing
   * across the lanes of a block only 64 columns wide cost more than the products themselves.
   * Each gradient is one chain of fused multiply-adds over the columns in order, as in {@link
   * ScalarKernels}.
   */
  private static void transposedGradient(
      int inRows, int outRows, int wide, int cols, float[] in, float[] dZ, float[] g, int gOff) {
    float[] t = new float[cols * wide];
    for (int o = 0; o < wide; o++) {
      for (int c = 0; c < cols; c++) {
        t[c * wide + o] = dZ[o * cols + c];
      }
    }
    int i = 0;
    for (; i + 4 <= inRows; i += 4) {
      int o = 0;
      for (; o + 2 * L <= wide; o += 2 * L) {
        transposedTile(i, o, outRows, wide, cols, in, t, g, gOff);
      }
      for (; o < wide; o += L) {
        for (int q = 0; q < 4; q++) {
          transposedVector(i + q, o, outRows, wide, cols, in, t, g, gOff);
        }
      }
    }
    for (; i < inRows; i++) {
      for (int o = 0; o < wide; o += L) {
        transposedVector(i, o, outRows, wide, cols, in, t, g, gOff);
      }
    }
  }

  /** Inputs {@code i..i+3} by outputs {@code o..o+2L}: per column, two loads feed eight FMAs. */
  private static void transposedTile(
      int i, int o, int outRows, int wide, int cols, float[] in, float[] t, float[] g, int gOff) {
    FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
    FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
    int x0 = i * cols, x1 = x0 + cols, x2 = x1 + cols, x3 = x2 + cols;
    for (int c = 0, r = o; c < cols; c++, r += wide) {
      FloatVector e0 = FloatVector.fromArray(S, t, r);
      FloatVector e1 = FloatVector.fromArray(S, t, r + L);
      FloatVector v = FloatVector.broadcast(S, in[x0 + c]);
      s00 = v.fma(e0, s00);
      s01 = v.fma(e1, s01);
      v = FloatVector.broadcast(S, in[x1 + c]);
      s10 = v.fma(e0, s10);
      s11 = v.fma(e1, s11);
      v = FloatVector.broadcast(S, in[x2 + c]);
      s20 = v.fma(e0, s20);
      s21 = v.fma(e1, s21);
      v = FloatVector.broadcast(S, in[x3 + c]);
      s30 = v.fma(e0, s30);
      s31 = v.fma(e1, s31);
    }
    int r0 = gOff + i * outRows + o, r1 = r0 + outRows, r2 = r1 + outRows, r3 = r2 + outRows;
    s00.intoArray(g, r0);
    s01.intoArray(g, r0 + L);
    s10.intoArray(g, r1);
    s11.intoArray(g, r1 + L);
    s20.intoArray(g, r2);
    s21.intoArray(g, r2 + L);
    s30.intoArray(g, r3);
    s31.intoArray(g, r3 + L);
  }

  /** Input {@code i} by outputs {@code o..o+L}. */
  private static void transposedVector(
      int i, int o, int outRows, int wide, int cols, float[] in, float[] t, float[] g, int gOff) {
    FloatVector s = FloatVector.zero(S);
    int x = i * cols;
    for (int c = 0, r = o; c < cols; c++, r += wide) {
      s = FloatVector.broadcast(S, in[x + c]).fma(FloatVector.fromArray(S, t, r), s);
    }
    s.intoArray(g, gOff + i * outRows + o);
  }

  private static float dot(float[] x, int xOff, float[] y, int yOff, int n, float[] lanes) {
    FloatVector s0 = FloatVector.zero(S), s1 = s0;
    for (int c = 0; c < n; c += 2 * L) {
      s0 = FloatVector.fromArray(S, x, xOff + c).fma(FloatVector.fromArray(S, y, yOff + c), s0);
      s1 =
          FloatVector.fromArray(S, x, xOff + c + L)
              .fma(FloatVector.fromArray(S, y, yOff + c + L), s1);
    }
    return sumLanes(s0.add(s1), lanes);
  }

  @Override
  public void rowSums(int rows, int cols, float[] x, float[] out, int outOff) {
    float[] lanes = new float[L];
    for (int k = 0; k < rows; k++) {
      FloatVector s = FloatVector.zero(S);
      for (int c = k * cols, end = c + cols; c < end; c += L) {
        s = s.add(FloatVector.fromArray(S, x, c));
      }
      out[outOff + k] = sumLanes(s, lanes);
    }
  }

  /** Adds the lanes in lane order, so the result never depends on the JIT. */
  private static float sumLanes(FloatVector v, float[] lanes) {
    v.intoArray(lanes, 0);
    float sum = 0f;
    for (int l = 0; l < L; l++) {
      sum += lanes[l];
    }
    return sum;
  }

  @Override
  public int indicesBelow(float[] x, int from, int to, float bound, int[] out) {
    int count = 0;
    int i = from;
    for (; i + 4 * L <= to; i += 4 * L) {
      // One branch per four vectors: a rejected stretch costs four compares. The rare stretch
      // with a hit is compared again rather than keeping four masks alive across the branch.
      VectorMask<Float> any =
          FloatVector.fromArray(S, x, i)
              .lt(bound)
              .or(FloatVector.fromArray(S, x, i + L).lt(bound))
              .or(
                  FloatVector.fromArray(S, x, i + 2 * L)
                      .lt(bound)
                      .or(FloatVector.fromArray(S, x, i + 3 * L).lt(bound)));
      if (any.anyTrue()) {
        // Hits are few, so listing them bit by bit beats packing each vector's lanes.
        long bits =
            FloatVector.fromArray(S, x, i).lt(bound).toLong()
                | FloatVector.fromArray(S, x, i + L).lt(bound).toLong() << L
                | FloatVector.fromArray(S, x, i + 2 * L).lt(bound).toLong() << (2 * L)
                | FloatVector.fromArray(S, x, i + 3 * L).lt(bound).toLong() << (3 * L);
        for (; bits != 0; bits &= bits - 1) {
          out[count++] = i + Long.numberOfTrailingZeros(bits);
        }
      }
    }
    for (; i < to; i++) {
      if (x[i] < bound) {
        out[count++] = i;
      }
    }
    return count;
  }

  @Override
  public void columnMinima(float[] x, int from, int rows, int cols, float[] min) {
    for (int c = 0; c < cols; c += L) {
      // Four running minima, so that each compare waits on the one four rows back, not the last.
      FloatVector m0 = FloatVector.fromArray(S, min, c), m1 = m0, m2 = m0, m3 = m0;
      int at = from + c;
      int end = at + rows * cols;
      for (; at + 3 * cols < end; at += 4 * cols) {
        m0 = smaller(m0, FloatVector.fromArray(S, x, at));
        m1 = smaller(m1, FloatVector.fromArray(S, x, at + cols));
        m2 = smaller(m2, FloatVector.fromArray(S, x, at + 2 * cols));
        m3 = smaller(m3, FloatVector.fromArray(S, x, at + 3 * cols));
      }
      for (; at < end; at += cols) {
        m0 = smaller(m0, FloatVector.fromArray(S, x, at));
      }
      smaller(smaller(m0, m1), smaller(m2, m3)).intoArray(min, c);
    }
  }

  /** Lane-wise {@code v < m ? v : m}: a compare and a blend, where {@code min} takes five. */
  private static FloatVector smaller(FloatVector m, FloatVector v) {
    return m.blend(v, v.lt(m));
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    // Small enough to be inlined where distances are measured one by one.
    return d < 16
        ? ShortDistances.squaredDistance(a, aOff, b, bOff, d)
        : longDistance(a, aOff, b, bOff, d);
  }

  /** {@link #squaredDistance} over 16 coordinates or more. */
  private static float longDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    // The 16 chains in 16 / L vectors: lane l of acc(v) is chain vL + l.
    FloatVector acc0 = FloatVector.zero(S);
    FloatVector acc1 = acc0;
    FloatVector acc2 = acc0;
    FloatVector acc3 = acc0;
    int i = 0;
    for (; i + 16 <= d; i += 16) {
      FloatVector t =
          FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
      acc0 = t.fma(t, acc0);
      if (L < 16) {
        t =
            FloatVector.fromArray(S, a, aOff + i + L)
                .sub(FloatVector.fromArray(S, b, bOff + i + L));
        acc1 = t.fma(t, acc1);
      }
      if (L < 8) {
        t =
            FloatVector.fromArray(S, a, aOff + i + 8)
                .sub(FloatVector.fromArray(S, b, bOff + i + 8));
        acc2 = t.fma(t, acc2);
        t =
            FloatVector.fromArray(S, a, aOff + i + 12)
                .sub(FloatVector.fromArray(S, b, bOff + i + 12));
        acc3 = t.fma(t, acc3);
      }
    }
    if (i < d) {
      // Past d the lanes load zeros, which leave a chain as it was: its sum is never −0.
      FloatVector t =
          FloatVector.fromArray(S, a, aOff + i, S.indexInRange(i, d))
              .sub(FloatVector.fromArray(S, b, bOff + i, S.indexInRange(i, d)));
      acc0 = t.fma(t, acc0);
      if (L < 16) {
        t =
            FloatVector.fromArray(S, a, aOff + i + L, S.indexInRange(i + L, d))
                .sub(FloatVector.fromArray(S, b, bOff + i + L, S.indexInRange(i + L, d)));
        acc1 = t.fma(t, acc1);
      }
      if (L < 8) {
        t =
            FloatVector.fromArray(S, a, aOff + i + 8, S.indexInRange(i + 8, d))
                .sub(FloatVector.fromArray(S, b, bOff + i + 8, S.indexInRange(i + 8, d)));
        acc2 = t.fma(t, acc2);
        t =
            FloatVector.fromArray(S, a, aOff + i + 12, S.indexInRange(i + 12, d))
                .sub(FloatVector.fromArray(S, b, bOff + i + 12, S.indexInRange(i + 12, d)));
        acc3 = t.fma(t, acc3);
      }
    }
    // Chain j plus chain j + h, h = 8, 4, 2, 1: across vectors while the step spans them, then
    // within one. Lanes past those still summed only carry what is no longer read.
    FloatVector sum;
    if (L == 16) {
      sum = acc0.add(acc0.rearrange(PLUS_8));
      sum = sum.add(sum.rearrange(PLUS_4));
    } else if (L == 8) {
      sum = acc0.add(acc1);
      sum = sum.add(sum.rearrange(PLUS_4));
    } else {
      sum = acc0.add(acc2).add(acc1.add(acc3));
    }
    sum = sum.add(sum.rearrange(PLUS_2));
    return sum.add(sum.rearrange(PLUS_1)).lane(0);
  }

  @Override
  public float softDistances(int n, float qNorm, float[] norms, float epsilon, float[] d, int off) {
    FloatVector min = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector q = FloatVector.broadcast(S, qNorm);
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector dot = FloatVector.fromArray(S, d, off + j);
      FloatVector distance =
          q.add(FloatVector.fromArray(S, norms, j))
              .sub(dot.mul(2f))
              .max(0f)
              .add(epsilon)
              .lanewise(VectorOperators.SQRT);
      distance.intoArray(d, off + j);
      min = min.min(distance);
    }
    // The minimum of floats does not depend on the order they are taken in.
    float m = min.reduceLanes(VectorOperators.MIN);
    for (; j < n; j++) {
      float distance = ScalarKernels.softDistance(qNorm, norms[j], epsilon, d[off + j]);
      d[off + j] = distance;
      m = Math.min(m, distance);
    }
    return m;
  }

  @Override
  public void negativeExp(int n, float shift, float[] d, int off, float[] e) {
    FloatVector s = FloatVector.broadcast(S, shift);
    int j = off;
    int end = off + n;
    for (; j + L <= end; j += L) {
      negativeExp(s.sub(FloatVector.fromArray(S, d, j))).intoArray(e, j);
    }
    for (; j < end; j++) {
      e[j] = Exp.negative(shift - d[j]);
    }
  }

  /** {@link Exp#negative}, lane by lane, step for step. */
  private static FloatVector negativeExp(FloatVector x) {
    FloatVector n = x.mul(Exp.LOG2E).add(Exp.ROUND).sub(Exp.ROUND);
    FloatVector r = x.sub(n.mul(Exp.LN2_HIGH)).sub(n.mul(Exp.LN2_LOW));
    FloatVector p = r.mul(1 / 720f).add(1 / 120f).mul(r).add(1 / 24f).mul(r).add(1 / 6f).mul(r)
        .add(0.5f).mul(r).add(1f).mul(r).add(1f);
    FloatVector scale =
        ((IntVector) n.convert(VectorOperators.F2I, 0))
            .add(127)
            .lanewise(VectorOperators.LSHL, 23)
            .reinterpretAsFloats();
    return p.mul(scale).blend(0f, x.compare(VectorOperators.LT, Exp.LOWEST));
  }

  @Override
  public void softNeighborCoefficients(
      int n, float[] e, float total, float[] g, int outputs, float[] t, int stride, float mean,
      float[] d, int off) {
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector u = FloatVector.zero(S);
      for (int o = 0; o < outputs; o++) {
        u = u.add(FloatVector.fromArray(S, t, o * stride + j).mul(g[o]));
      }
      FloatVector.fromArray(S, e, off + j)
          .div(total)
          .neg()
          .mul(u.sub(mean))
          .div(FloatVector.fromArray(S, d, off + j))
          .intoArray(d, off + j);
    }
    for (; j < n; j++) {
      d[off + j] = ScalarKernels.softNeighborCoefficient(e[off + j], total, g, outputs, t, stride,
          j, mean, d[off + j]);
    }
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize() + "bit";
  }
}
