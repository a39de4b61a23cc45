package org.precond.model;

import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.metrics.DistributionMetrics;
import org.precond.prep.Standardizer;

/**
 * A model's predictions for a set of rows with everything that comes with them: point
 * predictions, split-conformal intervals at any level (plain or normalised by local difficulty),
 * the conformal predictive distribution's quantiles and CRPS, the Gaussian baseline built from
 * the network's calibration residuals, and the training rows behind each prediction. Values are
 * in the targets' own units.
 */
public final class Predictions {

  private final int rows;
  private final int outputs;
  private final float[] mean;
  private final double[][] sigma;
  private final Calibration calibration;
  private final WeightedNeighbors neighbors;
  private final double[] targetMeans;
  private final double[] targetStds;

  Predictions(
      float[] standardizedMean,
      int outputs,
      double[][] sigma,
      Calibration calibration,
      WeightedNeighbors neighbors,
      Standardizer targetScaling) {
    this.rows = standardizedMean.length / outputs;
    this.outputs = outputs;
    this.mean = standardizedMean;
    this.sigma = sigma;
    this.calibration = calibration;
    this.neighbors = neighbors;
    this.targetMeans = targetScaling.means();
    this.targetStds = targetScaling.stds();
  }

  public int rows() {
    return rows;
  }

  public int outputs() {
    return outputs;
  }

  /** Point predictions, row-major {@code rows × outputs}. */
  public float[] means() {
    float[] out = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      out[i] = (float) toUnits(mean[i], i % outputs);
    }
    return out;
  }

  /** Whether the model kept calibration rows, which intervals and distributions need. */
  public boolean calibrated() {
    return calibration != null;
  }

  /** The training rows behind each prediction (null for the network alone or global Shepard). */
  public WeightedNeighbors neighbors() {
    return neighbors;
  }

  /**
   * Split-conformal intervals at {@code level}: {lower, upper}, each row-major {@code rows ×
   * outputs}.
   */
  public float[][] interval(double level, Difficulty difficulty) {
    requireCalibration();
    float[] lower = new float[mean.length];
    float[] upper = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      int o = i % outputs;
      double[] bounds = calibration.get(difficulty, o).interval(level, mean[i], sigma(difficulty, i));
      lower[i] = (float) toUnits(bounds[0], o);
      upper[i] = (float) toUnits(bounds[1], o);
    }
    return new float[][] {lower, upper};
  }

  /** The {@code p}-quantile of each conformal predictive distribution, {@code rows × outputs}. */
  public float[] quantile(double p, Difficulty difficulty) {
    requireCalibration();
    float[] out = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      int o = i % outputs;
      out[i] =
          (float)
              toUnits(
                  calibration.get(difficulty, o).predictiveQuantile(p, mean[i], sigma(difficulty, i)),
                  o);
    }
    return out;
  }

  /** CRPS of row {@code row}'s conformal predictive distribution for target {@code o} at {@code y}. */
  public double crps(int row, int o, double y, Difficulty difficulty) {
    requireCalibration();
    int i = row * outputs + o;
    ConformalCalibration c = calibration.get(difficulty, o);
    return c.crps(toStandard(y, o), mean[i], sigma(difficulty, i)) * targetStds[o];
  }

  /** The baseline: the network's prediction ± z · RMS of its calibration residuals. */
  public float[][] gaussianInterval(double level, float[] networkPredictions) {
    requireCalibration();
    double z = DistributionMetrics.normalQuantile(0.5 + level / 2);
    float[] lower = new float[mean.length];
    float[] upper = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      int o = i % outputs;
      double half = z * calibration.networkSigma()[o] * targetStds[o];
      lower[i] = (float) (networkPredictions[i] - half);
      upper[i] = (float) (networkPredictions[i] + half);
    }
    return new float[][] {lower, upper};
  }

  /** CRPS of the Gaussian baseline around the network's prediction (in the targets' units). */
  public double gaussianCrps(int row, int o, double y, float[] networkPredictions) {
    requireCalibration();
    double s = calibration.networkSigma()[o] * targetStds[o];
    return DistributionMetrics.gaussianCrps(y, networkPredictions[row * outputs + o], s);
  }

  /** A value of target {@code o} in its own units, from standardised units. */
  double toUnits(double standardized, int o) {
    return targetMeans[o] + targetStds[o] * standardized;
  }

  private double toStandard(double y, int o) {
    return (y - targetMeans[o]) / targetStds[o];
  }

  private double sigma(Difficulty difficulty, int i) {
    return sigma[difficulty.ordinal()][i];
  }

  private void requireCalibration() {
    if (calibration == null) {
      throw new IllegalStateException(
          "the model kept no calibration rows; fit it with --calibration above 0");
    }
  }
}
