package org.precond.model;

import java.util.ArrayList;
import java.util.List;
import org.precond.Version;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.interpolate.Interpolant;
import org.precond.io.DataFingerprint;
import org.precond.prep.Split;
import org.precond.prep.Standardizer;
import org.precond.train.MlpTrainer;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingListener;
import org.precond.train.TrainingResult;

/**
 * Fits a {@link PrecondModel} to a data set: standardises inputs and targets, trains the network
 * on them, and records how the model was made.
 */
public final class PrecondTrainer {

  private final TrainingConfig config;
  private final double calibrationFraction;

  /** A trainer that trains on every row and keeps none for calibration. */
  public PrecondTrainer(TrainingConfig config) {
    this(config, 0);
  }

  /**
   * A trainer that holds out {@code calibrationFraction} of the rows (seeded by the
   * configuration's seed): neither the network nor the interpolant sees them, and they calibrate
   * intervals and predictive distributions.
   */
  public PrecondTrainer(TrainingConfig config, double calibrationFraction) {
    if (!(calibrationFraction >= 0 && calibrationFraction < 1)) {
      throw new IllegalArgumentException(
          "calibration fraction must be in [0, 1), got " + calibrationFraction);
    }
    this.config = config;
    this.calibrationFraction = calibrationFraction;
  }

  /** Trains the network; the model predicts with the network alone. */
  public PrecondModel fit(Dataset data, TrainingListener listener) {
    return fit(data, Estimator.NETWORK, listener);
  }

  /** Trains the network, then fits the estimator's interpolant on the training rows. */
  public PrecondModel fit(Dataset data, Estimator estimator, TrainingListener listener) {
    if (data.targetCount() == 0) {
      throw new IllegalArgumentException("training data has no target column");
    }
    Split split = Split.random(data.rows(), 1 - calibrationFraction, 0, calibrationFraction, config.seed());
    if (split.train().length < 2 || (calibrationFraction > 0 && split.test().length < 1)) {
      throw new IllegalArgumentException(
          "too few rows (" + data.rows() + ") for a calibration fraction of " + calibrationFraction);
    }
    Dataset calibrationRows = data.select(split.test());
    data = data.select(split.train());
    Standardizer inputs = Standardizer.fitFeatures(data);
    Standardizer targets = Standardizer.fitTargets(data);
    float[] x = inputs.transform(data.features());
    float[] y = targets.transform(data.targets());
    TrainingResult result =
        new MlpTrainer(config).fit(x, data.featureCount(), y, data.targetCount(), listener);
    Interpolant interpolant;
    try (Workers workers = new Workers(config.threads())) {
      interpolant = PrecondModel.fitInterpolant(result.mlp(), estimator, x, y, workers);
    }
    List<String> columns = new ArrayList<>(data.featureNames());
    columns.addAll(data.targetNames());
    return new PrecondModel(
        data.featureNames(),
        data.targetNames(),
        inputs,
        targets,
        result.mlp(),
        config,
        result.history(),
        DataFingerprint.of(columns, data.features(), data.targets()),
        Version.current(),
        data.features(),
        data.targets(),
        estimator,
        interpolant,
        split.train(),
        calibrationRows.features(),
        calibrationRows.targets());
  }
}
