package org.precond.prep;

import java.util.Arrays;

/** How input columns are brought to a common scale before the network sees them. */
public enum InputScaling {
  /** Mean 0 and standard deviation 1. */
  STANDARD,
  /**
   * Robust scaling with smooth clipping (as RealMLP, Holzmüller et al. 2024): centred on the
   * median, divided by the inter-quartile range over 1.349 (the standard deviation for normal
   * data; the standard deviation where the quartiles coincide), then {@code x / √(1 + (x/3)²)},
   * so that outliers land near ±3 instead of far out where they dominate distances and the
   * network's first layer.
   */
  ROBUST;

  /** Fits this scaling's centres and scales on a row-major block. */
  Standardizer fit(float[] block, int columns) {
    Standardizer standard = Standardizer.fit(block, columns);
    if (this == STANDARD) {
      return standard;
    }
    int rows = block.length / columns;
    double[] centres = new double[columns];
    double[] scales = new double[columns];
    float[] column = new float[rows];
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < rows; r++) {
        column[r] = block[r * columns + c];
      }
      Arrays.sort(column);
      centres[c] = quantile(column, 0.5);
      double iqr = quantile(column, 0.75) - quantile(column, 0.25);
      scales[c] = iqr > 0 ? iqr / 1.349 : standard.std(c);
    }
    return Standardizer.of(centres, scales);
  }

  /** The scaled value of a centred, divided value. */
  float finish(float scaled) {
    if (this == STANDARD) {
      return scaled;
    }
    double x = scaled;
    return (float) (x / Math.sqrt(1 + x * x / 9));
  }

  private static double quantile(float[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
