package org.precond.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.precond.concurrent.Workers;
import org.precond.nn.Architecture;
import org.precond.nn.Loss;
import org.precond.nn.Mlp;
import org.precond.nn.MseObjective;
import org.precond.nn.NeighborObjective;
import org.precond.nn.NetworkInputs;

/**
 * Trains an {@link Mlp} by mean squared error on standardised data (or cross-entropy on classes:
 * {@link Loss}), or for a soft nearest-neighbour prediction in its embedding ({@link Objective}),
 * full batch or in seeded shuffled mini-batches, and keeps the best parameters it saw: by
 * validation loss when rows are held out, by the exact training loss in full-batch runs. A NaN or
 * infinite loss stops the run with the last good parameters and says so in the history, never
 * silently.
 */
public final class MlpTrainer {

  /** Fewer held-out rows than this say too little about the loss to choose parameters by. */
  public static final int MIN_VALIDATION_ROWS = 20;

  /** Sets the stream that picks validation rows apart from the others the seed drives. */
  private static final long VALIDATION_SPLIT = 0x5EED_5A11_DA7AL;

  private final TrainingConfig config;
  private final Loss loss;

  public MlpTrainer(TrainingConfig config) {
    this(config, Loss.SQUARED_ERROR);
  }

  /** A trainer minimising {@code loss} (cross-entropy for one-hot class targets). */
  public MlpTrainer(TrainingConfig config, Loss loss) {
    this.config = config;
    this.loss = loss;
  }

  public TrainingConfig config() {
    return config;
  }

  /**
   * Trains on row-major standardised inputs {@code x} ({@code rows × inputs}) and targets {@code
   * y} ({@code rows × outputs}), holding out the configuration's validation share of the rows
   * (chosen by its seed).
   */
  public TrainingResult fit(
      float[] x, int inputs, float[] y, int outputs, TrainingListener listener) {
    int rows = inputs <= 0 ? 0 : x.length / inputs;
    int[] all = identity(rows);
    int validationRows = validationRows(rows);
    if (validationRows > 0) {
      shuffle(all, new SplittableRandom(config.seed() ^ VALIDATION_SPLIT));
    }
    int[] validation = Arrays.copyOfRange(all, 0, validationRows);
    int[] train = Arrays.copyOfRange(all, validationRows, rows);
    Arrays.sort(train);
    Arrays.sort(validation);
    return fit(NetworkInputs.of(x, inputs), y, outputs, train, validation, listener);
  }

  /**
   * Trains on rows {@code train} of {@code x} and {@code y} and keeps the parameters with the best
   * loss on rows {@code validation} (when there are at least {@link #MIN_VALIDATION_ROWS}; else
   * the best full-batch training loss). The configuration's validation share is not used.
   *
   * @param x the rows' inputs as the network reads them, gathered a batch at a time
   */
  public TrainingResult fit(
      NetworkInputs x, float[] y, int outputs, int[] train, int[] validation,
      TrainingListener listener) {
    long started = System.nanoTime();
    int inputs = x.width();
    Architecture arch = new Architecture(inputs, config.width(), config.depth(), outputs);
    int rows = x.rows();
    if (rows < 1 || y.length != (long) rows * outputs || train.length < 1) {
      throw new IllegalArgumentException(
          "need at least one row with " + inputs + " inputs and " + outputs + " targets");
    }
    SplittableRandom seeds = new SplittableRandom(config.seed());
    float[] p = config.initializer().parameters(arch, seeds.nextLong());
    seeds.nextLong();
    SplittableRandom batchRandom = new SplittableRandom(seeds.nextLong());
    SplittableRandom candidateRandom = new SplittableRandom(seeds.nextLong());
    train = train.clone();
    int validationRows = validation.length < MIN_VALIDATION_ROWS ? 0 : validation.length;
    int trainRows = train.length;
    int batch =
        config.batchSize() == 0 || config.batchSize() >= trainRows
            ? trainRows
            : config.batchSize();
    boolean fullBatch = batch == trainRows;
    boolean monitored = validationRows > 0 || fullBatch;
    int checkEvery = fullBatch ? 10 : Math.max(1, trainRows / batch);

    Optimizer optimizer =
        switch (config.optimizer()) {
          case ADAM ->
              new Adam(
                  p.length,
                  new LearningRate(config.learningRate(), config.schedule(), config.steps()),
                  config.weightDecay(),
                  weights(arch));
          case LUX -> new LuxOptimizer(arch, config.learningRate());
        };

    float[] g = new float[p.length];
    float[] best = p.clone();
    float[] lastGood = p.clone();
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestStep = -1;
    int checksSinceBest = 0;
    double validationLoss = Double.NaN;
    float[] losses = new float[config.steps()];
    int[] checkSteps = new int[config.steps() / checkEvery + 2];
    float[] checkLosses = new float[checkSteps.length];
    int checks = 0;
    int cursor = trainRows;
    StopReason reason = StopReason.COMPLETED;
    String problem = null;
    int step = 0;

    try (Workers workers = new Workers(config.threads())) {
      BatchLoss objective = objective(arch, x, y, train, workers, candidateRandom);
      for (; step < config.steps(); step++) {
        int from = 0;
        int count = trainRows;
        if (!fullBatch) {
          if (cursor >= trainRows) {
            shuffle(train, batchRandom);
            cursor = 0;
          }
          from = cursor;
          count = Math.min(batch, trainRows - cursor);
          cursor += count;
        }
        double loss = objective.evaluate(p, train, from, count, g);
        losses[step] = (float) loss;
        if (!Double.isFinite(loss)) {
          reason = StopReason.DIVERGED;
          problem = "the loss became " + loss + " at step " + (step + 1);
          break;
        }
        System.arraycopy(p, 0, lastGood, 0, p.length);
        double watched = Double.NaN;
        if (validationRows > 0 && step % checkEvery == 0) {
          validationLoss = objective.evaluate(p, validation, 0, validationRows, null);
          checkSteps[checks] = step;
          checkLosses[checks++] = (float) validationLoss;
          watched = validationLoss;
        } else if (validationRows == 0 && fullBatch) {
          watched = loss;
        }
        if (watched < bestLoss) {
          bestLoss = watched;
          bestStep = step;
          System.arraycopy(p, 0, best, 0, p.length);
          checksSinceBest = 0;
        } else if (!Double.isNaN(watched)) {
          checksSinceBest++;
        }
        listener.onStep(step, config.steps(), loss, validationLoss);
        if (validationRows > 0 && config.patience() > 0 && checksSinceBest >= config.patience()) {
          reason = StopReason.EARLY_STOPPED;
          step++;
          break;
        }
        optimizer.step(p, g, loss);
      }
      if (reason == StopReason.COMPLETED && monitored) {
        // The last update has not been looked at yet.
        double last =
            validationRows > 0
                ? objective.evaluate(p, validation, 0, validationRows, null)
                : objective.evaluate(p, train, 0, trainRows, null);
        if (last < bestLoss) {
          bestLoss = last;
          bestStep = step;
          System.arraycopy(p, 0, best, 0, p.length);
        }
      }
    }

    float[] kept;
    if (monitored && bestStep >= 0) {
      kept = best;
    } else if (reason == StopReason.DIVERGED) {
      kept = lastGood;
    } else {
      kept = p;
    }
    int ran = Math.min(step, config.steps());
    double seconds = (System.nanoTime() - started) / 1e9;
    String message = describe(reason, problem, ran, bestStep, bestLoss, monitored, validationRows);
    TrainingHistory history =
        new TrainingHistory(
            Arrays.copyOf(losses, reason == StopReason.DIVERGED ? ran + 1 : ran),
            Arrays.copyOf(checkSteps, checks),
            Arrays.copyOf(checkLosses, checks),
            monitored ? bestStep : ran,
            monitored ? bestLoss : Double.NaN,
            reason,
            message,
            seconds);
    return new TrainingResult(new Mlp(arch, kept), history);
  }

  /** A training loss over some of the rows, with its gradient when one is asked for. */
  private interface BatchLoss {
    double evaluate(float[] p, int[] rows, int from, int count, float[] gradient);
  }

  /**
   * The configuration's objective. A neighbour objective predicts each step's batch from a fresh
   * draw of the training rows, and rows it only scores (validation, the last check) from one draw
   * of the same size made at the start: the loss it compares across steps then has the same
   * neighbour density as the one it trains, and a check costs a share of a search of all rows
   * (which took a third of the time on 15,000 rows).
   */
  private BatchLoss objective(
      Architecture arch, NetworkInputs x, float[] y, int[] train, Workers workers,
      SplittableRandom candidateRandom) {
    if (config.objective() == Objective.LINEAR) {
      return new MseObjective(arch, x, y, workers, loss)::evaluate;
    }
    if (train.length < 2) {
      throw new IllegalArgumentException(
          "the " + config.objective().name().toLowerCase(java.util.Locale.ROOT)
              + " objective needs at least two training rows");
    }
    double linear = config.objective() == Objective.BOTH ? 0.5 : 0;
    NeighborObjective neighbors = new NeighborObjective(arch, x, y, linear, 1 - linear, loss, workers);
    int[] pool = train.clone();
    int drawn =
        Math.max(2, Math.min(Math.min(pool.length, TrainingConfig.MAX_CANDIDATES),
            (int) Math.round(config.candidateShare() * pool.length)));
    draw(pool, drawn, candidateRandom);
    int[] scoring = Arrays.copyOf(pool, drawn);
    return (p, rows, from, count, gradient) -> {
      if (gradient == null) {
        return neighbors.evaluate(p, rows, from, count, scoring, drawn, null);
      }
      draw(pool, drawn, candidateRandom);
      return neighbors.evaluate(p, rows, from, count, pool, drawn, gradient);
    };
  }

  /** Moves a uniform draw of {@code count} of the rows to the front of {@code pool}. */
  private static void draw(int[] pool, int count, SplittableRandom random) {
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(pool.length - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
  }

  private int validationRows(int rows) {
    int n = (int) Math.round(rows * config.validationFraction());
    if (n >= rows) {
      throw new IllegalArgumentException(
          "a validation fraction of " + config.validationFraction() + " leaves no rows to train on");
    }
    return n < MIN_VALIDATION_ROWS ? 0 : n;
  }

  private static String describe(
      StopReason reason,
      String problem,
      int ran,
      int bestStep,
      double bestLoss,
      boolean monitored,
      int validationRows) {
    String kept =
        monitored && bestStep >= 0
            ? String.format(
                "kept the parameters of step %d (%s loss %.6g)",
                bestStep, validationRows > 0 ? "validation" : "training", bestLoss)
            : "kept the last parameters";
    return switch (reason) {
      case COMPLETED -> "trained " + ran + " steps; " + kept;
      case EARLY_STOPPED -> "stopped early after " + ran + " steps; " + kept;
      case DIVERGED ->
          "training diverged: "
              + problem
              + "; "
              + (monitored && bestStep >= 0 ? kept : "kept the last parameters with a finite loss");
    };
  }

  /** Which parameters are weights (not shifts or slopes), the ones weight decay shrinks. */
  private static boolean[] weights(Architecture a) {
    boolean[] out = new boolean[a.parameterCount()];
    for (int l = 0; l < a.layers(); l++) {
      java.util.Arrays.fill(
          out, a.weightOffset(l), a.weightOffset(l) + a.fanIn(l) * a.fanOut(l), true);
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
