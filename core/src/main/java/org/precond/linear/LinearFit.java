package org.precond.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.precond.metrics.RegressionMetrics;

/**
 * Ordinary least squares with an intercept: each target column as an affine function of the feature
 * columns, fitted in double precision.
 *
 * <p>Rank-deficient features (constant or duplicated columns, fewer rows than columns) are expected
 * rather than exceptional: an embedding often has dead units. The fit therefore uses the SVD
 * pseudo-inverse, which picks the least-norm solution among the equally good ones, as {@code
 * numpy.linalg.lstsq} and scikit-learn's {@code LinearRegression} do: two equal columns share their
 * weight and a constant column gets none. The norm is taken after scaling every column to unit
 * spread, so that the answer does not depend on the columns' units.
 */
public final class LinearFit {

  private final int featureCount;
  private final int targetCount;
  // featureCount × targetCount, row-major.
  private final double[] coefficients;
  private final double[] intercepts;
  private final double[] r2;

  private LinearFit(
      int featureCount, int targetCount, double[] coefficients, double[] intercepts, double[] r2) {
    this.featureCount = featureCount;
    this.targetCount = targetCount;
    this.coefficients = coefficients;
    this.intercepts = intercepts;
    this.r2 = r2;
  }

  /**
   * Fits every target column on all feature columns and scores the fit on the same rows.
   *
   * @param features {@code rows × featureCount} values, row-major, at least one row
   * @param targets {@code rows × targetCount} values, row-major, the same rows
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public static LinearFit fit(
      float[] features, int featureCount, float[] targets, int targetCount) {
    int rows = Blocks.rows(features, featureCount, "features");
    int targetRows = Blocks.rows(targets, targetCount, "targets");
    if (targetRows != rows) {
      throw new IllegalArgumentException(
          rows + " rows of features but " + targetRows + " rows of targets");
    }
    if (rows == 0) {
      throw new IllegalArgumentException("cannot fit on zero rows");
    }
    Blocks.requireFinite(features, featureCount, "features");
    Blocks.requireFinite(targets, targetCount, "targets");

    // Centring takes the intercept out of the solve. Scaling each column to unit spread makes the
    // pseudo-inverse's cut-off for "zero" singular values independent of the columns' units, so a
    // small-valued but informative column is not mistaken for a dependent one.
    double[] featureMeans = Blocks.columnMeans(features, featureCount);
    double[] targetMeans = Blocks.columnMeans(targets, targetCount);
    DMatrixRMaj x = Blocks.centred(features, featureCount, featureMeans);
    DMatrixRMaj y = Blocks.centred(targets, targetCount, targetMeans);
    double[] scales = new double[featureCount];
    for (int c = 0; c < featureCount; c++) {
      double squares = 0;
      for (int r = 0; r < rows; r++) {
        double v = x.data[r * featureCount + c];
        squares += v * v;
      }
      // A constant column is all zeros after centring and stays so.
      scales[c] = squares > 0 ? Math.sqrt(squares) : 1;
      for (int r = 0; r < rows; r++) {
        x.data[r * featureCount + c] /= scales[c];
      }
    }

    DMatrixRMaj solution = minimumNormSolution(x, y);
    double[] coefficients = solution.data;
    double[] intercepts = targetMeans.clone();
    for (int c = 0; c < featureCount; c++) {
      for (int t = 0; t < targetCount; t++) {
        coefficients[c * targetCount + t] /= scales[c];
        intercepts[t] -= featureMeans[c] * coefficients[c * targetCount + t];
      }
    }
    float[] fitted = apply(features, featureCount, coefficients, intercepts, targetCount);
    RegressionMetrics metrics = RegressionMetrics.compute(targets, fitted, targetCount);
    double[] r2 = new double[targetCount];
    for (int t = 0; t < targetCount; t++) {
      r2[t] = metrics.r2(t);
    }
    return new LinearFit(featureCount, targetCount, coefficients, intercepts, r2);
  }

  /**
   * Solves {@code x · b ≈ y} for the {@code b} of least norm: {@code b = V · S⁺ · Uᵀ · y}.
   *
   * <p>Singular values below {@code ε · max(rows, columns) · s_max} count as zero, the cut-off of
   * {@code numpy.linalg.lstsq} and of EJML's own pseudo-inverse solver. The product is formed
   * directly rather than through that solver, which would also materialise the {@code columns ×
   * rows} pseudo-inverse: a third copy of the data for nothing.
   */
  private static DMatrixRMaj minimumNormSolution(DMatrixRMaj x, DMatrixRMaj y) {
    int rows = x.numRows;
    int columns = x.numCols;
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(rows, columns, true, true, true);
    if (!svd.decompose(x)) {
      String shape = rows + " × " + columns;
      throw new ArithmeticException(
          "the singular value decomposition of " + shape + " features did not converge");
    }
    double[] singular = svd.getSingularValues();
    int count = svd.numberOfSingularValues();
    double largest = 0;
    for (int i = 0; i < count; i++) {
      largest = Math.max(largest, singular[i]);
    }
    double cutoff = Math.ulp(1.0) * Math.max(rows, columns) * largest;
    DMatrixRMaj projected = CommonOps_DDRM.multTransA(svd.getU(null, false), y, null);
    for (int i = 0; i < count; i++) {
      double inverse = singular[i] > cutoff ? 1 / singular[i] : 0;
      for (int t = 0; t < projected.numCols; t++) {
        projected.data[i * projected.numCols + t] *= inverse;
      }
    }
    return CommonOps_DDRM.mult(svd.getV(null, false), projected, null);
  }

  public int featureCount() {
    return featureCount;
  }

  public int targetCount() {
    return targetCount;
  }

  /** The weight of one feature column in one target's fit. */
  public double coefficient(int feature, int target) {
    return coefficients[feature * targetCount + target];
  }

  /** All weights, {@code featureCount × targetCount} row-major, a copy. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The constant term of each target's fit, a copy. */
  public double[] intercepts() {
    return intercepts.clone();
  }

  /**
   * The coefficient of determination of one target on the fitting rows: 1 − SSE/SST; for a constant
   * target, 1 if the fit reproduces it and 0 otherwise (scikit-learn's convention).
   */
  public double r2(int target) {
    return r2[target];
  }

  /** {@link #r2(int)} of every target, a copy. */
  public double[] r2() {
    return r2.clone();
  }

  /**
   * Applies the fit to new rows.
   *
   * @param features {@code rows × featureCount} values, row-major
   * @return {@code rows × targetCount} predictions, row-major
   */
  public float[] predict(float[] features) {
    return apply(features, featureCount, coefficients, intercepts, targetCount);
  }

  private static float[] apply(
      float[] features,
      int featureCount,
      double[] coefficients,
      double[] intercepts,
      int targetCount) {
    int rows = Blocks.rows(features, featureCount, "features");
    float[] out = new float[rows * targetCount];
    double[] sums = new double[targetCount];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(intercepts, 0, sums, 0, targetCount);
      for (int c = 0; c < featureCount; c++) {
        double v = features[r * featureCount + c];
        for (int t = 0; t < targetCount; t++) {
          sums[t] += v * coefficients[c * targetCount + t];
        }
      }
      for (int t = 0; t < targetCount; t++) {
        out[r * targetCount + t] = (float) sums[t];
      }
    }
    return out;
  }
}
