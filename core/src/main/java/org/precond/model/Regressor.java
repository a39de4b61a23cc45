package org.precond.model;

import java.util.ArrayList;
import java.util.List;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.io.DataFingerprint;
import org.precond.nn.Initializer;
import org.precond.prep.Preprocessing;
import org.precond.prep.Split;
import org.precond.space.Space;
import org.precond.train.MlpTrainer;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingListener;
import org.precond.train.TrainingResult;

/**
 * Fits {@link PrecondModel}s: holds out a share of the rows for calibration, standardises the
 * rest, trains the network on them, fits the predictor on the same rows and calibrates it on the
 * held-out ones. Configured once by a {@link Builder}, whose defaults are the command line's.
 *
 * <pre>{@code
 * PrecondModel model = Regressor.builder().seed(7).build().fit(data);
 * }</pre>
 */
public final class Regressor {

  /** The share of rows held out to calibrate intervals unless told otherwise. */
  public static final double DEFAULT_CALIBRATION = 0.2;

  private final TrainingConfig training;
  private final PredictorSpec predictor;
  private final double calibration;

  private Regressor(TrainingConfig training, PredictorSpec predictor, double calibration) {
    this.training = training;
    this.predictor = predictor;
    this.calibration = calibration;
  }

  /** A builder holding the defaults: see {@link TrainingConfig#builder()}, k-NN, 20%. */
  public static Builder builder() {
    return new Builder();
  }

  public TrainingConfig training() {
    return training;
  }

  public PredictorSpec predictor() {
    return predictor;
  }

  /** The share of rows held out to calibrate. */
  public double calibration() {
    return calibration;
  }

  /** Fits a model to {@code data}, which needs at least one target column. */
  public PrecondModel fit(Dataset data) {
    return fit(data, TrainingListener.NONE);
  }

  /** Fits a model to {@code data}, telling {@code listener} of the training's progress. */
  public PrecondModel fit(Dataset data, TrainingListener listener) {
    if (data.targetCount() == 0) {
      throw new IllegalArgumentException("training data has no target column");
    }
    Split split = Split.random(data.rows(), 1 - calibration, 0, calibration, training.seed());
    if (split.train().length < 2 || (calibration > 0 && split.test().length < 1)) {
      throw new IllegalArgumentException(
          "too few rows (" + data.rows() + ") for a calibration share of " + calibration);
    }
    Dataset held = data.select(split.test());
    Dataset train = data.select(split.train());
    Preprocessing prep = Preprocessing.fit(train);
    float[] x = prep.inputs(train);
    float[] y = prep.targets(train.targets());
    TrainingResult result =
        new MlpTrainer(training).fit(x, train.featureCount(), y, train.targetCount(), listener);
    KeptRows rows =
        new KeptRows(
            train.features(), train.targets(), split.train(), held.features(), held.targets());
    try (Workers workers = new Workers(training.threads())) {
      RowPass pass = RowPass.of(result.mlp(), x, workers);
      Predictor p = Predictor.fit(predictor, result.mlp(), pass, y, workers);
      Calibration c =
          held.rows() == 0
              ? null
              : Calibration.compute(
                  p,
                  RowPass.of(result.mlp(), prep.inputs(held), workers),
                  prep.targets(held.targets()),
                  prep.targets(),
                  workers);
      List<String> columns = new ArrayList<>(data.featureNames());
      columns.addAll(data.targetNames());
      Provenance provenance =
          Provenance.now(
              training,
              calibration,
              result.history(),
              DataFingerprint.of(columns, data.features(), data.targets()));
      return new PrecondModel(
          prep, result.mlp(), p, c, rows, provenance, training.threads());
    }
  }

  /** Configures a {@link Regressor}; every setting has the command line's default. */
  public static final class Builder {
    private final TrainingConfig.Builder training = TrainingConfig.builder();
    private PredictorSpec predictor = PredictorSpec.DEFAULT;
    private double calibration = DEFAULT_CALIBRATION;

    private Builder() {}

    /** Every training setting at once (replacing those set so far). */
    public Builder training(TrainingConfig config) {
      training
          .width(config.width())
          .depth(config.depth())
          .steps(config.steps())
          .batchSize(config.batchSize())
          .optimizer(config.optimizer())
          .learningRate(config.learningRate())
          .schedule(config.schedule())
          .initializer(config.initializer())
          .seed(config.seed())
          .threads(config.threads())
          .validationFraction(config.validationFraction())
          .patience(config.patience());
      return this;
    }

    /** Nodes per hidden layer (32). */
    public Builder width(int v) {
      training.width(v);
      return this;
    }

    /** Hidden layers (8). */
    public Builder depth(int v) {
      training.depth(v);
      return this;
    }

    /** Optimiser steps (1,000). */
    public Builder steps(int v) {
      training.steps(v);
      return this;
    }

    /** Rows per step; 0 (the default) for the full batch. */
    public Builder batchSize(int v) {
      training.batchSize(v);
      return this;
    }

    /** The optimiser (Adam). */
    public Builder optimizer(OptimizerType v) {
      training.optimizer(v);
      return this;
    }

    /** The (initial) learning rate; by default the optimiser's own. */
    public Builder learningRate(double v) {
      training.learningRate(v);
      return this;
    }

    /** How the learning rate moves over the run (constant). */
    public Builder schedule(Schedule v) {
      training.schedule(v);
      return this;
    }

    /** How parameters start (the original author's). */
    public Builder initializer(Initializer v) {
      training.initializer(v);
      return this;
    }

    /** Seeds the calibration split, initialisation, validation split and batches (0). */
    public Builder seed(long v) {
      training.seed(v);
      return this;
    }

    /** Threads for fitting and for the fitted model (every processor); no effect on results. */
    public Builder threads(int v) {
      training.threads(v);
      return this;
    }

    /** Share of the training rows held out to keep the best parameters (0.1). */
    public Builder validationFraction(double v) {
      training.validationFraction(v);
      return this;
    }

    /** Validation checks without improvement before stopping; 0 (the default) never stops. */
    public Builder patience(int v) {
      training.patience(v);
      return this;
    }

    /** How the model predicts ({@link PredictorSpec#DEFAULT}: k-NN in the embedding). */
    public Builder predictor(PredictorSpec v) {
      predictor = v;
      return this;
    }

    /** Predicts with {@code spec} in {@code space}, interpolating the targets. */
    public Builder predictor(InterpolantSpec spec, Space space) {
      return predictor(PredictorSpec.of(spec, space));
    }

    /** Share of rows held out to calibrate intervals (0.2); 0 for none. */
    public Builder calibration(double v) {
      calibration = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public Regressor build() {
      if (!(calibration >= 0 && calibration < 1)) {
        throw new IllegalArgumentException(
            "calibration share must be in [0, 1), got " + calibration);
      }
      if (predictor == null) {
        throw new IllegalArgumentException("a predictor is needed");
      }
      return new Regressor(training.build(), predictor, calibration);
    }
  }
}
