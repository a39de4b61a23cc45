package org.precond.train;

import org.precond.nn.Initializer;

/**
 * Everything that decides how a network is trained. Equal configurations on equal data give
 * bit-identical networks, whatever {@code threads} is.
 *
 * @param width nodes per hidden layer
 * @param depth hidden layers
 * @param steps optimiser steps (one per batch)
 * @param batchSize rows per step; 0 for the full batch
 * @param optimizer which optimiser
 * @param learningRate its (initial) rate
 * @param schedule how the rate moves over the run
 * @param initializer how parameters start
 * @param seed seeds initialisation, the validation split and batch shuffling
 * @param threads worker threads; no effect on the result
 * @param validationFraction share of rows held out to pick the best parameters (none when that
 *     would be fewer than {@link MlpTrainer#MIN_VALIDATION_ROWS} rows); 0 for none
 * @param patience stop after this many validation checks without improvement; 0 never stops early
 * @param weightDecay Adam's decoupled weight decay (AdamW) of the weight matrices, per unit of
 *     learning rate; 0 for none
 * @param objective what the network is trained for
 * @param candidateShare with a neighbour objective, the share of the training rows drawn at each
 *     step as the candidates a batch is predicted from (at least two rows, at most {@link
 *     #MAX_CANDIDATES})
 */
public record TrainingConfig(
    int width,
    int depth,
    int steps,
    int batchSize,
    OptimizerType optimizer,
    double learningRate,
    Schedule schedule,
    Initializer initializer,
    long seed,
    int threads,
    double validationFraction,
    int patience,
    double weightDecay,
    Objective objective,
    double candidateShare) {

  public TrainingConfig {
    require(width >= 1, "width must be at least 1, got " + width);
    require(depth >= 1, "depth must be at least 1, got " + depth);
    require(steps >= 1, "steps must be at least 1, got " + steps);
    require(batchSize >= 0, "batch size must be positive (or 0 for full batch), got " + batchSize);
    require(
        learningRate > 0 && Double.isFinite(learningRate),
        "learning rate must be positive, got " + learningRate);
    require(threads >= 1, "threads must be at least 1, got " + threads);
    require(
        validationFraction >= 0 && validationFraction < 1,
        "validation fraction must be in [0, 1), got " + validationFraction);
    require(patience >= 0, "patience must not be negative, got " + patience);
    require(
        weightDecay >= 0 && Double.isFinite(weightDecay),
        "weight decay must not be negative, got " + weightDecay);
    require(objective != null, "an objective is needed");
    require(
        candidateShare > 0 && candidateShare <= 1,
        "candidate share must be in (0, 1], got " + candidateShare);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Candidates per step of a neighbour objective, as a share of the training rows: on
   * California housing (one 128 × 1 network, seeds 0–2, test RMSE median) 1,024 candidates gave
   * 0.457, 2,048 0.456, 3,700 (a quarter) 0.445; half the rows did no better than a quarter on
   * seed 0 (0.428 and 0.429) at twice the cost.
   */
  public static final double DEFAULT_CANDIDATE_SHARE = 0.25;

  /**
   * Most candidates per step, whatever the share: a step passes every candidate through the
   * network and back and compares it with every row of the batch, so without a bound a step's
   * cost grows with the rows. One 128 × 1 network at 4,096 candidates trains on protein (32,000
   * rows) in about 35 s here; its test RMSE was 3.413 (seeds 0–2, median) against 3.513 for
   * three networks at 1,024.
   */
  public static final int MAX_CANDIDATES = 4096;

  /**
   * The defaults: E1's network (32 × 8), 1,000 full-batch Adam steps at rate 0.01, and 10% of the
   * rows held out to keep the parameters with the best validation loss — on noisy data the
   * network overfits long before 1,000 steps (wine quality: test RMSE 0.85 without, 0.64 with);
   * the linear objective.
   */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.width = width;
    b.depth = depth;
    b.steps = steps;
    b.batchSize = batchSize;
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.schedule = schedule;
    b.initializer = initializer;
    b.seed = seed;
    b.threads = threads;
    b.validationFraction = validationFraction;
    b.patience = patience;
    b.weightDecay = weightDecay;
    b.objective = objective;
    b.candidateShare = candidateShare;
    return b;
  }

  /** Builds a {@link TrainingConfig}; a learning rate left unset follows the optimiser. */
  public static final class Builder {
    private int width = 32;
    private int depth = 8;
    private int steps = 1000;
    private int batchSize;
    private OptimizerType optimizer = OptimizerType.ADAM;
    private double learningRate = Double.NaN;
    private Schedule schedule = Schedule.CONSTANT;
    private Initializer initializer = Initializer.LUX;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private double validationFraction = 0.1;
    private int patience;
    private double weightDecay;
    private Objective objective = Objective.LINEAR;
    private double candidateShare = DEFAULT_CANDIDATE_SHARE;

    private Builder() {}

    public Builder width(int v) {
      width = v;
      return this;
    }

    public Builder depth(int v) {
      depth = v;
      return this;
    }

    public Builder steps(int v) {
      steps = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optimizer(OptimizerType v) {
      optimizer = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder schedule(Schedule v) {
      schedule = v;
      return this;
    }

    public Builder initializer(Initializer v) {
      initializer = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder objective(Objective v) {
      objective = v;
      return this;
    }

    public Builder candidateShare(double v) {
      candidateShare = v;
      return this;
    }

    public TrainingConfig build() {
      double rate = Double.isNaN(learningRate) ? optimizer.defaultRate() : learningRate;
      return new TrainingConfig(
          width, depth, steps, batchSize, optimizer, rate, schedule, initializer, seed, threads,
          validationFraction, patience, weightDecay, objective, candidateShare);
    }
  }
}
