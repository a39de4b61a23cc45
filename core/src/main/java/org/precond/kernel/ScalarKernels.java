package org.precond.kernel;

/**
 * Plain-Java kernels: the reference that {@link PanamaKernels} is tested against, and the
 * fallback where the Vector API is unavailable. Each sum runs in the order its definition reads.
 */
public final class ScalarKernels implements Kernels {

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
    for (int o = 0; o < outRows; o++) {
      int row = o * cols;
      float b = bias == null ? 0f : bias[biasOff + o];
      for (int c = 0; c < cols; c++) {
        out[row + c] = b;
      }
      int wo = wOff + o * wStrideOut;
      for (int k = 0; k < inRows; k++) {
        float wk = w[wo + k * wStrideIn];
        int src = k * cols;
        for (int c = 0; c < cols; c++) {
          out[row + c] = Math.fma(in[src + c], wk, out[row + c]);
        }
      }
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
    columnBiased(outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, columnBias, in, out);
    for (int row = 0; row < outRows * cols; row += cols) {
      for (int c = 0; c < cols; c += 64) {
        for (int j = 0; j < 16; j++) {
          int at = row + c + j;
          minima[(row + c) / 4 + j] =
              Math.min(Math.min(out[at], out[at + 16]), Math.min(out[at + 32], out[at + 48]));
        }
      }
    }
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
    columnBiased(outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, columnBias, in, out);
    for (int o = 0; o < outRows; o++) {
      for (int c = 0; c < cols; c += 64) {
        long marks = 0;
        for (int j = 0; j < 64; j++) {
          if (out[o * cols + c + j] < bound[o]) {
            marks |= 1L << (j % 16);
          }
        }
        below[(o * cols + c) / 64] = marks;
      }
    }
  }

  /** The product both {@link #affineMinima} and {@link #affineBelow} start from. */
  private static void columnBiased(
      int outRows,
      int inRows,
      int cols,
      float[] w,
      int wOff,
      int wStrideOut,
      int wStrideIn,
      float[] columnBias,
      float[] in,
      float[] out) {
    for (int o = 0; o < outRows; o++) {
      int row = o * cols;
      for (int c = 0; c < cols; c++) {
        out[row + c] = columnBias == null ? 0f : columnBias[c];
      }
      int wo = wOff + o * wStrideOut;
      for (int k = 0; k < inRows; k++) {
        float wk = w[wo + k * wStrideIn];
        int src = k * cols;
        for (int c = 0; c < cols; c++) {
          out[row + c] = Math.fma(in[src + c], wk, out[row + c]);
        }
      }
    }
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
    affine(outRows, inRows, cols, w, wOff, wStrideOut, wStrideIn, bias, biasOff, in, z);
    for (int o = 0; o < outRows; o++) {
      float s = slope[slopeOff + o];
      for (int c = o * cols, end = c + cols; c < end; c++) {
        float v = z[c];
        a[c] = v < 0f ? v * s : v;
      }
    }
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
    for (int o = 0; o < rows; o++) {
      float s = slope[slopeOff + o];
      float gs = 0f;
      float gb = 0f;
      for (int c = o * cols, end = c + cols; c < end; c++) {
        float v = z[c];
        float g = dA[c];
        float d = v < 0f ? g * s : g;
        dZ[c] = d;
        gs += g * Math.min(v, 0f);
        gb += d;
      }
      slopeGrad[slopeGradOff + o] = gs;
      biasGrad[biasGradOff + o] = gb;
    }
  }

  @Override
  public void weightGradient(
      int inRows, int outRows, int cols, float[] in, float[] dZ, float[] g, int gOff) {
    for (int i = 0; i < inRows; i++) {
      for (int o = 0; o < outRows; o++) {
        float sum = 0f;
        int x = i * cols;
        int d = o * cols;
        for (int c = 0; c < cols; c++) {
          sum = Math.fma(in[x + c], dZ[d + c], sum);
        }
        g[gOff + i * outRows + o] = sum;
      }
    }
  }

  @Override
  public void rowSums(int rows, int cols, float[] x, float[] out, int outOff) {
    for (int k = 0; k < rows; k++) {
      float sum = 0f;
      for (int c = k * cols, end = c + cols; c < end; c++) {
        sum += x[c];
      }
      out[outOff + k] = sum;
    }
  }

  @Override
  public int indicesBelow(float[] x, int from, int to, float bound, int[] out) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (x[i] < bound) {
        out[count++] = i;
      }
    }
    return count;
  }

  @Override
  public void columnMinima(float[] x, int from, int rows, int cols, float[] min) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = x[from + r * cols + c];
        if (v < min[c]) {
          min[c] = v;
        }
      }
    }
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    if (d < 16) {
      return ShortDistances.squaredDistance(a, aOff, b, bOff, d);
    }
    float[] c = new float[16];
    for (int j = 0; j < 16; j++) {
      for (int i = j; i < d; i += 16) {
        float t = a[aOff + i] - b[bOff + i];
        c[j] = Math.fma(t, t, c[j]);
      }
    }
    for (int h = 8; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        c[j] += c[j + h];
      }
    }
    return c[0];
  }

  @Override
  public float softDistances(int n, float qNorm, float[] norms, float epsilon, float[] d, int off) {
    float min = Float.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      float distance = softDistance(qNorm, norms[j], epsilon, d[off + j]);
      d[off + j] = distance;
      min = Math.min(min, distance);
    }
    return min;
  }

  static float softDistance(float qNorm, float norm, float epsilon, float dot) {
    return (float) Math.sqrt(Math.max(qNorm + norm - 2 * dot, 0f) + epsilon);
  }

  @Override
  public void negativeExp(int n, float shift, float[] d, int off, float[] e) {
    for (int j = off, end = off + n; j < end; j++) {
      e[j] = Exp.negative(shift - d[j]);
    }
  }

  @Override
  public void softNeighborCoefficients(
      int n, float[] e, float total, float[] g, int outputs, float[] t, int stride, float mean,
      float[] d, int off) {
    for (int j = 0; j < n; j++) {
      d[off + j] = softNeighborCoefficient(e[off + j], total, g, outputs, t, stride, j, mean,
          d[off + j]);
    }
  }

  static float softNeighborCoefficient(
      float e, float total, float[] g, int outputs, float[] t, int stride, int j, float mean,
      float distance) {
    float u = 0f;
    for (int o = 0; o < outputs; o++) {
      u += g[o] * t[o * stride + j];
    }
    return -(e / total) * (u - mean) / distance;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
