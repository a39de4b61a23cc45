package org.precond.interpolate;

/** Solves small symmetric positive-definite systems by Cholesky factorisation, in place. */
final class SymmetricSolver {

  private SymmetricSolver() {}

  /**
   * Solves {@code A X = B} for {@code X}, overwriting {@code b} ({@code n × m}, row-major) with it
   * and the lower triangle of {@code a} ({@code n × n}, row-major; only the lower triangle is
   * read) with the factor. A pivot that is not positive is treated as zero: that direction gets
   * no solution component instead of an infinity.
   */
  static void solveInPlace(double[] a, int n, double[] b, int m) {
    for (int j = 0; j < n; j++) {
      double diag = a[j * n + j];
      for (int p = 0; p < j; p++) {
        diag -= a[j * n + p] * a[j * n + p];
      }
      double l = diag > 0 ? Math.sqrt(diag) : 0;
      a[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int p = 0; p < j; p++) {
          s -= a[i * n + p] * a[j * n + p];
        }
        a[i * n + j] = l > 0 ? s / l : 0;
      }
    }
    // Forward: L y = b.
    for (int i = 0; i < n; i++) {
      double l = a[i * n + i];
      for (int o = 0; o < m; o++) {
        double s = b[i * m + o];
        for (int p = 0; p < i; p++) {
          s -= a[i * n + p] * b[p * m + o];
        }
        b[i * m + o] = l > 0 ? s / l : 0;
      }
    }
    // Back: Lᵀ x = y.
    for (int i = n - 1; i >= 0; i--) {
      double l = a[i * n + i];
      for (int o = 0; o < m; o++) {
        double s = b[i * m + o];
        for (int p = i + 1; p < n; p++) {
          s -= a[p * n + i] * b[p * m + o];
        }
        b[i * m + o] = l > 0 ? s / l : 0;
      }
    }
  }
}
