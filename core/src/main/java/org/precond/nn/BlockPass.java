package org.precond.nn;

import org.precond.kernel.Kernels;

/**
 * One worker's scratch for taking a block of rows through a network and back. The block is held
 * feature-major and padded with zero rows to a multiple of {@link Kernels#COLUMN_ALIGNMENT}; the
 * padding never reaches a loss or a gradient because its output gradient is zero.
 */
final class BlockPass {

  /** Most rows in one block: large enough to amortise the horizontal sums of the gradients. */
  static final int MAX_COLUMNS = 1024;

  private final Architecture a;
  private final Kernels k;
  private final float[] input;
  private final float[][] z;
  private final float[][] act;
  private final float[] output;
  private final float[] target;
  private final float[] dOut;
  private final float[] dA;
  private final float[] dZ;
  private int cols;
  private int valid;

  BlockPass(Architecture a, Kernels k) {
    this.a = a;
    this.k = k;
    int n = MAX_COLUMNS;
    input = new float[a.inputs() * n];
    z = new float[a.depth()][a.width() * n];
    act = new float[a.depth()][a.width() * n];
    output = new float[a.outputs() * n];
    target = new float[a.outputs() * n];
    dOut = new float[a.outputs() * n];
    dA = new float[a.width() * n];
    dZ = new float[a.width() * n];
  }

  /**
   * Rows per block for a pass over {@code count} rows: about an eighth of them so that up to eight
   * threads find work, within [64, {@value #MAX_COLUMNS}]. Depends on the count alone, never on
   * the thread count, so the sums it fixes are the same whatever runs them.
   */
  static int columnsFor(int count) {
    int eighth = (count + 7) / 8;
    int aligned = (eighth + Kernels.COLUMN_ALIGNMENT - 1) / Kernels.COLUMN_ALIGNMENT;
    return Math.min(MAX_COLUMNS, Math.max(1, aligned) * Kernels.COLUMN_ALIGNMENT);
  }

  /**
   * Loads {@code count} rows (at most {@code cols}) of {@code x}, taking rows {@code order[from +
   * r]}, or {@code from + r} when order is null.
   */
  void load(NetworkInputs x, int[] order, int from, int count, int cols) {
    this.cols = cols;
    this.valid = count;
    x.gather(order, from, count, cols, input);
  }

  /** Loads the targets of the rows last given to {@link #load}. */
  void loadTargets(float[] y, int[] order, int from) {
    transpose(y, a.outputs(), order, from, valid, target);
  }

  private void transpose(float[] x, int width, int[] order, int from, int count, float[] into) {
    for (int r = 0; r < count; r++) {
      int row = order == null ? from + r : order[from + r];
      int src = row * width;
      for (int f = 0; f < width; f++) {
        into[f * cols + r] = x[src + f];
      }
    }
    NetworkInputs.pad(width, count, cols, into);
  }

  void forward(float[] p) {
    int w = a.width();
    for (int l = 0; l < a.depth(); l++) {
      float[] in = l == 0 ? input : act[l - 1];
      k.affinePrelu(
          w, a.fanIn(l), cols, p, a.weightOffset(l), 1, w, p, a.biasOffset(l), p,
          a.slopeOffset(l), in, z[l], act[l]);
    }
    int out = a.depth();
    k.affine(
        a.outputs(), w, cols, p, a.weightOffset(out), 1, a.outputs(), p, a.biasOffset(out),
        act[out - 1], output);
  }

  /**
   * The sum of squared errors of this block, and the output gradient {@code scale · (ŷ − y)}
   * ready for {@link #backward}.
   */
  double squaredError(double scale) {
    double sum = 0;
    float s = (float) scale;
    for (int o = 0; o < a.outputs(); o++) {
      int row = o * cols;
      for (int c = 0; c < valid; c++) {
        float diff = output[row + c] - target[row + c];
        sum += (double) diff * diff;
        dOut[row + c] = s * diff;
      }
      java.util.Arrays.fill(dOut, row + valid, row + cols, 0f);
    }
    return sum;
  }

  /**
   * The summed cross-entropy of the softmax of this block's outputs against its one-hot targets,
   * and the output gradient {@code scale · (softmax − y)} ready for {@link #backward}.
   */
  double crossEntropy(double scale) {
    int m = a.outputs();
    double sum = 0;
    float s = (float) scale;
    for (int c = 0; c < valid; c++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int o = 0; o < m; o++) {
        max = Math.max(max, output[o * cols + c]);
      }
      double total = 0;
      for (int o = 0; o < m; o++) {
        total += Math.exp(output[o * cols + c] - max);
      }
      double logTotal = Math.log(total);
      for (int o = 0; o < m; o++) {
        int i = o * cols + c;
        double logP = output[i] - max - logTotal;
        sum -= target[i] * logP;
        dOut[i] = s * (float) (Math.exp(logP) - target[i]);
      }
    }
    for (int o = 0; o < m; o++) {
      java.util.Arrays.fill(dOut, o * cols + valid, (o + 1) * cols, 0f);
    }
    return sum;
  }

  /** No loss on the output layer: {@link #backward} then starts from the embedding alone. */
  void clearOutputGradient() {
    java.util.Arrays.fill(dOut, 0, a.outputs() * cols, 0f);
  }

  /** Writes this block's gradient of every parameter into {@code g}. */
  void backward(float[] p, float[] g) {
    backward(p, g, null);
  }

  /**
   * Writes this block's gradient of every parameter into {@code g}, adding a loss's gradient with
   * respect to the embedding (feature-major like {@link #embedding()}, zero in the padding
   * columns; null for none) to what comes back from the output layer.
   */
  void backward(float[] p, float[] g, float[] dEmbedding) {
    int w = a.width();
    int m = a.outputs();
    int out = a.depth();
    k.weightGradient(w, m, cols, act[out - 1], dOut, g, a.weightOffset(out));
    k.rowSums(m, cols, dOut, g, a.biasOffset(out));
    k.affine(w, m, cols, p, a.weightOffset(out), m, 1, null, 0, dOut, dA);
    if (dEmbedding != null) {
      for (int i = 0, n = w * cols; i < n; i++) {
        dA[i] += dEmbedding[i];
      }
    }
    for (int l = out - 1; l >= 0; l--) {
      k.preluBackward(
          w, cols, z[l], p, a.slopeOffset(l), dA, dZ, g, a.slopeOffset(l), g, a.biasOffset(l));
      float[] in = l == 0 ? input : act[l - 1];
      k.weightGradient(a.fanIn(l), w, cols, in, dZ, g, a.weightOffset(l));
      if (l > 0) {
        k.affine(w, w, cols, p, a.weightOffset(l), w, 1, null, 0, dZ, dA);
      }
    }
  }

  /** The last hidden layer of the block, feature-major with {@link #columns()} columns. */
  float[] embedding() {
    return act[a.depth() - 1];
  }

  /** Columns of the block, padding included. */
  int columns() {
    return cols;
  }

  /** Rows loaded, the columns before the padding. */
  int rows() {
    return valid;
  }

  /** Copies the valid rows of the output layer into row-major {@code into} at row {@code at}. */
  void copyOutput(float[] into, int at) {
    int m = a.outputs();
    for (int r = 0; r < valid; r++) {
      for (int f = 0; f < m; f++) {
        into[(at + r) * m + f] = output[f * cols + r];
      }
    }
  }

  /** Adds the valid rows of the output layer to row-major {@code into} at row {@code at}. */
  void addOutput(float[] into, int at) {
    int m = a.outputs();
    for (int r = 0; r < valid; r++) {
      for (int f = 0; f < m; f++) {
        into[(at + r) * m + f] += output[f * cols + r];
      }
    }
  }

  /**
   * Copies the valid rows of the last hidden layer into row-major {@code into}, whose rows are
   * {@code stride} wide, at row {@code at} from column {@code offset}.
   */
  void copyEmbedding(float[] into, int at, int stride, int offset) {
    float[] last = act[a.depth() - 1];
    for (int r = 0; r < valid; r++) {
      int dst = (at + r) * stride + offset;
      for (int f = 0; f < a.width(); f++) {
        into[dst + f] = last[f * cols + r];
      }
    }
  }
}
