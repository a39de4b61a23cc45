package org.precond.metrics;

import java.util.Locale;

/**
 * Error measures of predictions against actual values, one per target column: root mean squared
 * error, mean absolute error, maximum absolute error and the coefficient of determination R².
 *
 * <p>Sums are accumulated in double precision, so that long float32 columns do not lose the small
 * errors that matter most when comparing good models.
 */
public final class RegressionMetrics {

  private final int rows;
  private final double[] rmse;
  private final double[] mae;
  private final double[] maxError;
  private final double[] r2;

  private RegressionMetrics(int rows, double[] rmse, double[] mae, double[] maxError, double[] r2) {
    this.rows = rows;
    this.rmse = rmse;
    this.mae = mae;
    this.maxError = maxError;
    this.r2 = r2;
  }

  /**
   * Scores row-major blocks of actual and predicted values.
   *
   * @param actual {@code rows × columns} true values
   * @param predicted {@code rows × columns} predictions, in the same layout
   * @throws IllegalArgumentException if the shapes differ or there are no rows
   */
  public static RegressionMetrics compute(float[] actual, float[] predicted, int columns) {
    if (columns <= 0 || actual.length % columns != 0) {
      throw new IllegalArgumentException(
          actual.length + " values do not make rows of " + columns + " columns");
    }
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(
          actual.length + " actual values but " + predicted.length + " predictions");
    }
    int rows = actual.length / columns;
    if (rows == 0) {
      throw new IllegalArgumentException("cannot score zero rows");
    }
    double[] mean = new double[columns];
    double[] squaredError = new double[columns];
    double[] absoluteError = new double[columns];
    double[] maxError = new double[columns];
    for (int i = 0; i < actual.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        double error = (double) predicted[i] - actual[i];
        squaredError[c] += error * error;
        absoluteError[c] += Math.abs(error);
        maxError[c] = Math.max(maxError[c], Math.abs(error));
        mean[c] += actual[i];
      }
    }
    double[] totalSquares = new double[columns];
    for (int c = 0; c < columns; c++) {
      mean[c] /= rows;
    }
    for (int i = 0; i < actual.length; ) {
      for (int c = 0; c < columns; c++, i++) {
        double deviation = actual[i] - mean[c];
        totalSquares[c] += deviation * deviation;
      }
    }
    double[] rmse = new double[columns];
    double[] mae = new double[columns];
    double[] r2 = new double[columns];
    for (int c = 0; c < columns; c++) {
      rmse[c] = Math.sqrt(squaredError[c] / rows);
      mae[c] = absoluteError[c] / rows;
      // A constant column has no variance to explain: scikit-learn's convention scores a perfect
      // prediction 1 and any other 0, rather than dividing by zero.
      r2[c] =
          totalSquares[c] == 0
              ? (squaredError[c] == 0 ? 1 : 0)
              : 1 - squaredError[c] / totalSquares[c];
    }
    return new RegressionMetrics(rows, rmse, mae, maxError, r2);
  }

  /** How many rows were scored. */
  public int rows() {
    return rows;
  }

  public int columns() {
    return rmse.length;
  }

  /** Root mean squared error of a column. */
  public double rmse(int column) {
    return rmse[column];
  }

  /** Mean absolute error of a column. */
  public double mae(int column) {
    return mae[column];
  }

  /** Largest absolute error of a column. */
  public double maxError(int column) {
    return maxError[column];
  }

  /** Coefficient of determination of a column: 1 is perfect, 0 no better than the mean. */
  public double r2(int column) {
    return r2[column];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RegressionMetrics[").append(rows).append(" rows");
    for (int c = 0; c < columns(); c++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "; column %d: rmse %.6g, mae %.6g, max %.6g, r2 %.6g",
              c,
              rmse[c],
              mae[c],
              maxError[c],
              r2[c]));
    }
    return sb.append(']').toString();
  }
}
