package org.precond.linear;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The principal axes of a row-major block: eigenvectors of its covariance matrix, by decreasing
 * variance, fitted in double precision.
 *
 * <p>An eigenvector's sign is arbitrary, so each component is turned to make its largest-magnitude
 * loading positive (the first such loading on a tie). The same data then always gives the same axes
 * and the same picture, whatever the solver's internal choices.
 *
 * <p>Variances use the divisor {@code rows − 1}, as scikit-learn's {@code PCA.explained_variance_}
 * does (a single row has zero variance everywhere).
 */
public final class PrincipalComponents {

  private final double[] means;
  // columns × columns, row-major: row k is component k.
  private final double[] components;
  private final double[] variances;

  private PrincipalComponents(double[] means, double[] components, double[] variances) {
    this.means = means;
    this.components = components;
    this.variances = variances;
  }

  /**
   * Finds the principal axes of a block.
   *
   * @param block {@code rows × columns} values, row-major, at least one row
   * @throws IllegalArgumentException if the block is not whole rows or holds a non-finite value
   */
  public static PrincipalComponents fit(float[] block, int columns) {
    int rows = Blocks.rows(block, columns, "values");
    if (rows == 0) {
      throw new IllegalArgumentException("cannot find principal components of zero rows");
    }
    Blocks.requireFinite(block, columns, "values");
    double[] means = Blocks.columnMeans(block, columns);

    // Accumulated row by row rather than as Xᵀ·X over a centred copy, which would cost a double
    // copy of the whole block when only the columns × columns result is needed.
    DMatrixRMaj covariance = new DMatrixRMaj(columns, columns);
    double[] cov = covariance.data;
    double[] centred = new double[columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        centred[c] = block[r * columns + c] - means[c];
      }
      for (int a = 0; a < columns; a++) {
        double va = centred[a];
        for (int b = a; b < columns; b++) {
          cov[a * columns + b] += va * centred[b];
        }
      }
    }
    double divisor = Math.max(rows - 1, 1);
    for (int a = 0; a < columns; a++) {
      for (int b = a; b < columns; b++) {
        cov[a * columns + b] /= divisor;
        cov[b * columns + a] = cov[a * columns + b];
      }
    }

    EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(columns, true, true);
    if (!eigen.decompose(covariance)) {
      String shape = columns + " × " + columns;
      throw new ArithmeticException(
          "the eigen-decomposition of a " + shape + " covariance matrix did not converge");
    }
    Integer[] order = new Integer[columns];
    for (int k = 0; k < columns; k++) {
      order[k] = k;
    }
    // Arrays.sort on objects is stable, so equal variances keep the solver's order.
    Arrays.sort(order, (i, j) -> Double.compare(value(eigen, j), value(eigen, i)));

    double[] components = new double[columns * columns];
    double[] variances = new double[columns];
    for (int k = 0; k < columns; k++) {
      // Rounding can leave the eigenvalue of a flat direction a hair below zero.
      variances[k] = Math.max(value(eigen, order[k]), 0);
      double[] vector = eigen.getEigenVector(order[k]).data;
      int largest = 0;
      for (int c = 1; c < columns; c++) {
        if (Math.abs(vector[c]) > Math.abs(vector[largest])) {
          largest = c;
        }
      }
      double sign = vector[largest] < 0 ? -1 : 1;
      for (int c = 0; c < columns; c++) {
        components[k * columns + c] = sign * vector[c];
      }
    }
    return new PrincipalComponents(means, components, variances);
  }

  private static double value(EigenDecomposition_F64<DMatrixRMaj> eigen, int index) {
    // A symmetric matrix has real eigenvalues; the solver still reports them as complex numbers.
    return eigen.getEigenvalue(index).real;
  }

  /** The number of input columns, which is also the number of components. */
  public int columns() {
    return means.length;
  }

  /** The column means that are subtracted before projecting, a copy. */
  public double[] means() {
    return means.clone();
  }

  /** The unit-length loadings of component {@code k} (0 has the most variance), a copy. */
  public double[] component(int k) {
    return Arrays.copyOfRange(components, k * columns(), (k + 1) * columns());
  }

  /** The variance along each component, decreasing, a copy. */
  public double[] explainedVariance() {
    return variances.clone();
  }

  /**
   * The share of the total variance along each component, decreasing and summing to 1; all zero
   * when the data do not vary at all.
   */
  public double[] explainedVarianceRatio() {
    double total = 0;
    for (double v : variances) {
      total += v;
    }
    double[] ratios = new double[variances.length];
    if (total > 0) {
      for (int k = 0; k < ratios.length; k++) {
        ratios[k] = variances[k] / total;
      }
    }
    return ratios;
  }

  /**
   * The scores of rows on the leading components: {@code (x − means) · component(k)}.
   *
   * @param block {@code rows × columns()} values, row-major
   * @param count how many leading components, 1 to {@link #columns()}
   * @return {@code rows × count} scores, row-major
   */
  public float[] project(float[] block, int count) {
    int columns = columns();
    if (count < 1 || count > columns) {
      throw new IllegalArgumentException(
          "cannot project on " + count + " components of " + columns);
    }
    int rows = Blocks.rows(block, columns, "values");
    float[] scores = new float[rows * count];
    double[] centred = new double[columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        centred[c] = block[r * columns + c] - means[c];
      }
      for (int k = 0; k < count; k++) {
        double sum = 0;
        for (int c = 0; c < columns; c++) {
          sum += centred[c] * components[k * columns + c];
        }
        scores[r * count + k] = (float) sum;
      }
    }
    return scores;
  }
}
