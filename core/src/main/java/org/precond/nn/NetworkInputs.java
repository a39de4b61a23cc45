package org.precond.nn;

import java.util.Arrays;

/**
 * The rows a network reads, handed over a block at a time into the feature-major buffer that a
 * pass works on: inputs as they are, or their {@link PiecewiseLinearEncoding} made row by row as
 * the block is gathered. No pass needs every row in the network's input width at once, and that
 * matrix is the largest thing a large fit would hold: a million rows of 20 inputs in 16 bins make
 * 1.28 GB of it.
 */
public abstract class NetworkInputs {

  NetworkInputs() {}

  /** Row-major inputs {@code rows × width} taken as they are (not copied). */
  public static NetworkInputs of(float[] x, int width) {
    return new Matrix(x, width);
  }

  public abstract int rows();

  /** Values per row the network reads. */
  public abstract int width();

  /**
   * Writes {@code count} rows, {@code order[from + r]} (or {@code from + r} when order is null),
   * feature-major into {@code into} with {@code columns} columns: value {@code f} of the r-th row
   * at {@code f · columns + r}. Columns from {@code count} on are zeroed.
   */
  abstract void gather(int[] order, int from, int count, int columns, float[] into);

  /** Zeroes columns {@code [count, columns)} of every one of {@code width} rows of {@code into}. */
  static void pad(int width, int count, int columns, float[] into) {
    for (int f = 0; f < width; f++) {
      Arrays.fill(into, f * columns + count, (f + 1) * columns, 0f);
    }
  }

  /** Inputs held as they are read. */
  private static final class Matrix extends NetworkInputs {
    private final float[] x;
    private final int width;
    private final int rows;

    Matrix(float[] x, int width) {
      if (width < 1 || x.length % width != 0) {
        throw new IllegalArgumentException(
            "inputs have " + x.length + " values, not a multiple of " + width);
      }
      this.x = x;
      this.width = width;
      this.rows = x.length / width;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int width() {
      return width;
    }

    @Override
    void gather(int[] order, int from, int count, int columns, float[] into) {
      for (int r = 0; r < count; r++) {
        int src = (order == null ? from + r : order[from + r]) * width;
        for (int f = 0; f < width; f++) {
          into[f * columns + r] = x[src + f];
        }
      }
      pad(width, count, columns, into);
    }
  }
}
