package org.precond.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.precond.concurrent.Workers;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.metrics.DistributionMetrics;
import org.precond.prep.Classes;
import org.precond.prep.Preprocessing;

/**
 * A model's predictions for a set of rows with everything that comes with them, all in the
 * targets' own units: point predictions; split-conformal intervals at any level (plain or
 * normalised by local difficulty) and the conformal predictive distribution's quantiles and CRPS,
 * when the model is calibrated; the Gaussian baseline around the network's own output; and the
 * training rows behind each prediction. Blocks are row-major {@code rows × targets}. A
 * classifier's means are its class probabilities ({@code rows × classes}); it gives the most
 * probable labels and conformal prediction sets.
 */
public final class Predictions {

  /** The difficulty intervals use unless told otherwise: narrowest on most data sets. */
  public static final Difficulty DEFAULT_DIFFICULTY = Difficulty.SPREAD;

  /** The score prediction sets use unless told otherwise. */
  public static final SetScore DEFAULT_SET_SCORE = SetScore.PLAIN;

  private final Preprocessing prep;
  private final int targets;
  private final float[] mean;
  private final float[] network;
  private final Calibration calibration;
  private final NeighborRows neighbors;
  /** The rows in the space difficulty is measured in, until {@link #sigma} has used them. */
  private float[] coordinates;
  private final int threads;
  /**
   * The rows' difficulties, found on first use: they take a neighbour search per row, which
   * predictions without intervals or distributions should not pay for.
   */
  private double[][] sigma;

  Predictions(
      Preprocessing prep,
      float[] standardizedMean,
      float[] standardizedNetwork,
      float[] coordinates,
      int threads,
      Calibration calibration,
      NeighborRows neighbors) {
    this.prep = prep;
    this.targets = prep.targets();
    this.mean = standardizedMean;
    this.network = standardizedNetwork;
    this.coordinates = coordinates;
    this.threads = threads;
    this.calibration = calibration;
    this.neighbors = neighbors;
  }

  public int rows() {
    return mean.length / targets;
  }

  public int targets() {
    return targets;
  }

  /** Point predictions. */
  public float[] means() {
    return toUnits(mean);
  }

  /** The network's own predictions for the same rows, whatever the model's predictor. */
  public float[] networkMeans() {
    return toUnits(network);
  }

  /** Whether the model is calibrated, which intervals and distributions need. */
  public boolean calibrated() {
    return calibration != null;
  }

  /** The training rows behind each prediction, or null (network alone, global Shepard). */
  public NeighborRows neighbors() {
    return neighbors;
  }

  /** The classes of a classifier, whose {@link #means()} are class probabilities; else null. */
  public Classes classes() {
    return prep.classes();
  }

  /**
   * A classifier's most probable class per row (the first of equally probable ones).
   *
   * @throws IllegalStateException for a regressor
   */
  public String[] labels() {
    Classes classes = requireClasses();
    int c = classes.count();
    String[] out = new String[rows()];
    for (int r = 0; r < out.length; r++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (mean[r * c + j] > mean[r * c + best]) {
          best = j;
        }
      }
      out[r] = classes.labels().get(best);
    }
    return out;
  }

  /** A classifier's conformal prediction sets at {@code level} with the default score. */
  public boolean[][] sets(double level) {
    return sets(level, DEFAULT_SET_SCORE);
  }

  /**
   * A classifier's split-conformal prediction sets at {@code level}: {@code [row][class]} whether
   * the class is in the row's set.
   *
   * @throws IllegalStateException for a regressor, or a model without calibration
   */
  public boolean[][] sets(double level, SetScore score) {
    Classes classes = requireClasses();
    if (calibration == null) {
      throw new IllegalStateException("prediction sets need a calibrated model");
    }
    return calibration.sets().sets(mean, classes.count(), score, level);
  }

  private Classes requireClasses() {
    if (prep.classes() == null) {
      throw new IllegalStateException("the model predicts numbers, not classes");
    }
    return prep.classes();
  }

  /** Split-conformal intervals at {@code level} under the default difficulty. */
  public float[][] interval(double level) {
    return interval(level, DEFAULT_DIFFICULTY);
  }

  /** Split-conformal intervals at {@code level}: {lower, upper}. */
  public float[][] interval(double level, Difficulty difficulty) {
    requireCalibration();
    float[] lower = new float[mean.length];
    float[] upper = new float[mean.length];
    double[] sigma = sigma(difficulty);
    for (int i = 0; i < mean.length; i++) {
      int o = i % targets;
      double[] bounds = scores(difficulty, o).interval(level, mean[i], sigma[i]);
      lower[i] = (float) prep.toUnits(bounds[0], o);
      upper[i] = (float) prep.toUnits(bounds[1], o);
    }
    return new float[][] {lower, upper};
  }

  /** The {@code p}-quantile of each conformal predictive distribution, default difficulty. */
  public float[] quantile(double p) {
    return quantile(p, DEFAULT_DIFFICULTY);
  }

  /** The {@code p}-quantile of each conformal predictive distribution. */
  public float[] quantile(double p, Difficulty difficulty) {
    requireCalibration();
    float[] out = new float[mean.length];
    double[] sigma = sigma(difficulty);
    for (int i = 0; i < mean.length; i++) {
      int o = i % targets;
      double q = scores(difficulty, o).predictiveQuantile(p, mean[i], sigma[i]);
      out[i] = (float) prep.toUnits(q, o);
    }
    return out;
  }

  /** CRPS of row {@code row}'s conformal predictive distribution for target {@code o} at y. */
  public double crps(int row, int o, double y, Difficulty difficulty) {
    requireCalibration();
    int i = row * targets + o;
    return scores(difficulty, o).crps(prep.toStandard(y, o), mean[i], sigma(difficulty)[i])
        * prep.targetScale(o);
  }

  /** The baseline: the network's prediction ± z · RMS of its calibration residuals. */
  public float[][] gaussianInterval(double level) {
    requireCalibration();
    double z = DistributionMetrics.normalQuantile(0.5 + level / 2);
    float[] lower = new float[mean.length];
    float[] upper = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      int o = i % targets;
      double half = z * calibration.networkSigma(o);
      lower[i] = (float) prep.toUnits(network[i] - half, o);
      upper[i] = (float) prep.toUnits(network[i] + half, o);
    }
    return new float[][] {lower, upper};
  }

  /** CRPS of the Gaussian baseline for row {@code row}, target {@code o}, at y. */
  public double gaussianCrps(int row, int o, double y) {
    requireCalibration();
    double s = calibration.networkSigma(o) * prep.targetScale(o);
    double centre = prep.toUnits(network[row * targets + o], o);
    return DistributionMetrics.gaussianCrps(y, centre, s);
  }

  /**
   * Row {@code q}'s prediction with the training rows behind it that carry weight, heaviest
   * first.
   *
   * @throws IllegalStateException if the predictor names no training rows
   */
  public Explanation explain(int q) {
    if (neighbors == null) {
      throw new IllegalStateException(
          "explanations need a neighbour-based predictor (such as k-NN), not the network alone "
              + "or Shepard over every row");
    }
    List<Integer> ranks = new ArrayList<>();
    for (int r = 0; r < neighbors.count(q); r++) {
      if (neighbors.weight(q, r) > 0) {
        ranks.add(r);
      }
    }
    ranks.sort(
        Comparator.comparingDouble((Integer r) -> -neighbors.weight(q, r))
            .thenComparingInt(r -> r));
    List<Explanation.Contribution> out = new ArrayList<>();
    for (int r : ranks) {
      float[] y = new float[targets];
      for (int o = 0; o < targets; o++) {
        y[o] = neighbors.target(q, r, o);
      }
      out.add(
          new Explanation.Contribution(
              neighbors.trainingRow(q, r), neighbors.distance(q, r), neighbors.weight(q, r),
              neighbors.features(q, r), y));
    }
    float[] prediction = new float[targets];
    for (int o = 0; o < targets; o++) {
      prediction[o] = (float) prep.toUnits(mean[q * targets + o], o);
    }
    return new Explanation(prediction, out);
  }

  private float[] toUnits(float[] standardized) {
    float[] out = new float[standardized.length];
    for (int i = 0; i < standardized.length; i++) {
      out[i] = (float) prep.toUnits(standardized[i], i % targets);
    }
    return out;
  }

  private ConformalCalibration scores(Difficulty difficulty, int o) {
    return calibration.scores(difficulty, o);
  }

  /** Every row's difficulty under {@code difficulty}, searched for on the first call. */
  private synchronized double[] sigma(Difficulty difficulty) {
    if (sigma == null) {
      try (Workers workers = new Workers(threads)) {
        sigma = calibration.difficulties(coordinates, workers);
      }
      coordinates = null;
    }
    return sigma[difficulty.ordinal()];
  }

  private void requireCalibration() {
    if (calibration == null) {
      throw new IllegalStateException(
          "the model kept no calibration rows; fit it with at least 20 validation rows or a "
              + "calibration share above 0");
    }
  }
}
