package org.precond.linear;

import org.ejml.data.DMatrixRMaj;

/** Shape checks and centring of the row-major float blocks this package takes as input. */
final class Blocks {

  private Blocks() {}

  /**
   * The number of rows of a block.
   *
   * @throws IllegalArgumentException if the block does not hold whole rows of {@code columns}
   */
  static int rows(float[] block, int columns, String name) {
    if (columns <= 0 || block.length % columns != 0) {
      throw new IllegalArgumentException(
          "a block of "
              + block.length
              + " "
              + name
              + " does not hold rows of "
              + columns
              + " columns");
    }
    return block.length / columns;
  }

  /** Rejects NaN and infinities, which would otherwise poison every coefficient silently. */
  static void requireFinite(float[] block, int columns, String name) {
    for (int i = 0; i < block.length; i++) {
      if (!Float.isFinite(block[i])) {
        throw new IllegalArgumentException(
            name + " row " + i / columns + " column " + i % columns + " is " + block[i]);
      }
    }
  }

  static double[] columnMeans(float[] block, int columns) {
    double[] means = new double[columns];
    int rows = block.length / columns;
    for (int i = 0; i < block.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        means[c] += block[i];
      }
    }
    for (int c = 0; c < columns; c++) {
      means[c] /= rows;
    }
    return means;
  }

  /** The block minus its column means, in double precision. */
  static DMatrixRMaj centred(float[] block, int columns, double[] means) {
    DMatrixRMaj out = new DMatrixRMaj(block.length / columns, columns);
    for (int i = 0; i < block.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        out.data[i] = block[i] - means[c];
      }
    }
    return out;
  }
}
