package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.data.CsvReader;
import org.precond.data.ColumnType;
import org.precond.data.DataFormatException;
import org.precond.data.Table;
import org.precond.model.NeighborSearch;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.nn.Initializer;
import org.precond.prep.InputScaling;
import org.precond.train.Objective;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code precond fit}: trains the network on a CSV file and saves the model. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    defaultValueProvider = CoreDefaults.class,
    sortOptions = false,
    description = {
      "Trains PReLU networks on a CSV file (scaled, piecewise-linearly encoded inputs, "
          + "standardised targets, mean squared error), chooses on the validation rows how the "
          + "model predicts (the networks alone, or k-NN in their embedding; --method names one "
          + "instead), calibrates intervals on the same rows and writes the model file.",
      "The same seed gives the same model whatever the number of threads."
    })
final class FitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Training data: CSV with a header row, or - for stdin.")
  Path data;

  @Option(names = "--target", split = ",", paramLabel = "NAME",
      description = "Target column(s); default: the last column.")
  List<String> targets;

  @Option(names = "--features", split = ",", paramLabel = "NAME",
      description = "Feature columns; default: every column that is not a target.")
  List<String> features;

  @Option(names = "--task", paramLabel = "auto|regression|classification",
      description = "What to predict: auto is classification when the target holds text (a "
          + "numeric target of class codes needs classification named).")
  String task = "auto";

  @Mixin ColumnTypeOptions columnTypes;

  @Option(names = "--max-levels", paramLabel = "N",
      description = "Levels of a categorical column that get a one-hot input of their own (the "
          + "most frequent, each in at least 5 rows); the rest share the input NAME=(other).")
  int maxLevels;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "Where to write the model (written atomically).")
  Path model;

  @Option(names = "--inputs", paramLabel = "standard|robust",
      converter = LowerCaseEnum.InputScalingConverter.class,
      description = "Input scaling: standard (mean and standard deviation) or robust (median and "
          + "inter-quartile range, outliers smoothly clipped).")
  InputScaling inputs;

  @Option(names = "--encoding-bins", paramLabel = "BINS",
      description = "Encode each input piecewise-linearly in at most BINS bins between quantiles "
          + "of its training values before the network (0: no encoding); default: 16, and a "
          + "classifier that chooses its objective (--objective auto) also trains one network "
          + "on " + Regressor.FINE_BINS + " bins and takes them if that network scores the "
          + "validation rows better.")
  Integer encodingBins;

  @Option(names = "--width",
      description = "Nodes per hidden layer; default: 32 for regression, 128 for classification "
          + "and for networks trained for their neighbours (unless --depth is given).")
  Integer width;

  @Option(names = "--depth",
      description = "Hidden layers; default: 8 for regression, 4 for classification, 1 for "
          + "networks trained for their neighbours (unless --width is given).")
  Integer depth;

  @Option(names = "--ensemble", paramLabel = "M|auto",
      description = "Networks trained from different seeds and averaged; their embeddings side "
          + "by side are the model's embedding. auto: 3, or 6 for regression on fewer than "
          + "5,000 rows; from 5,000 rows, one network trained for its neighbours.")
  String ensemble;

  @Option(names = "--steps", description = "Optimiser steps.")
  int steps;

  @Option(names = "--batch", paramLabel = "full|N",
      description = "Rows per step: 'full' for the whole training set, or a mini-batch size.")
  String batch;

  @Option(names = "--optimizer", paramLabel = "adam|lux",
      converter = LowerCaseEnum.OptimizerConverter.class,
      description = "adam, or lux (the original author's adaptive variant).")
  OptimizerType optimizer;

  @Option(names = "--lr", paramLabel = "RATE",
      description = "Learning rate (lux: initial step); default: the library's recipe for adam "
          + "(0.003, a tenth of it when the first network keeps parameters from its first 5 percent "
          + "of steps), the optimiser's own for lux (0.001).")
  Double learningRate;

  @Option(names = "--schedule", paramLabel = "constant|cosine",
      converter = LowerCaseEnum.ScheduleConverter.class,
      description = "Learning-rate schedule (adam).")
  Schedule schedule;

  @Option(names = "--init", paramLabel = "lux|he",
      converter = LowerCaseEnum.InitializerConverter.class,
      description = "Initialisation: lux (unit orthonormal columns, near-ReLU) or he.")
  Initializer initializer;

  @Option(names = "--validation", paramLabel = "FRACTION",
      description = "Share of the training rows held out to keep the parameters with the best "
          + "validation loss (none when that is under 20 rows; 0: keep the best training loss). "
          + "The interpolant still uses these rows.")
  double validation;

  @Option(names = "--patience", paramLabel = "CHECKS",
      description = "With --validation: stop after this many checks without improvement "
          + "(0: never stop early).")
  int patience;

  @Option(names = "--weight-decay", paramLabel = "DECAY",
      description = "Adam's decoupled weight decay of the weight matrices (AdamW).")
  double weightDecay;

  @Option(names = "--objective", paramLabel = "auto|linear|neighbors|both",
      description = "What the networks are trained for: their linear output's squared error, a "
          + "soft nearest-neighbour prediction's in their embedding (ModernNCA; the output layer "
          + "is not trained), or half of each. auto: the networks train for their output, then "
          + "one more for its neighbours (a classifier's for both), and if its predictor does "
          + "clearly better on the validation rows than theirs, the networks train as it did "
          + "(with --method auto, from 500 validation rows and below 200000 training rows).")
  String objective;

  @Option(names = "--candidates", paramLabel = "SHARE",
      description = "With a neighbour objective: the share of the training rows drawn at each "
          + "step as the candidates a batch is predicted from (at most 4096 rows).")
  double candidates;

  @Option(names = "--calibration", paramLabel = "FRACTION",
      description = "Share of rows held out from training to calibrate intervals and predictive "
          + "distributions (0: none).")
  double calibration;

  @Option(names = "--index", paramLabel = "exact|hnsw|auto",
      converter = LowerCaseEnum.NeighborSearchConverter.class,
      description = "How the model searches its training rows for neighbours: exact, hnsw (an "
          + "approximate graph, built once and stored in the model: fast searches, a few "
          + "neighbours missed), or auto (hnsw from " + Regressor.HNSW_FROM + " training rows).")
  NeighborSearch index;

  @Option(names = "--seed", description = "Random seed.")
  long seed;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Mixin PredictorOptions prediction;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    Regressor regressor = regressor();
    CsvReader.Builder reader = run.reader();
    if (targets != null) {
      reader.targets(targets);
    }
    if (features != null) {
      reader.features(features);
    }
    TrainingProgress progress = quiet ? null : TrainingProgress.onStandardError();
    String reading = "reading " + data;
    if (progress != null) {
      progress.onWork(reading, 0, 1);
    }
    Table table =
        reader.types(columnTypes.types()).targetType(targetType()).build().readTable(data);
    if (progress != null) {
      progress.onWork(reading, 1, 1);
    }
    PrecondModel fitted;
    try {
      fitted = regressor.fit(table, progress == null ? (s, n, l, v) -> {} : progress);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(data.toString(), e.getMessage());
    }
    String writing = "writing " + model;
    if (progress != null) {
      progress.onWork(writing, 0, 1);
    }
    fitted.save(model);
    if (progress != null) {
      progress.onWork(writing, 1, 1);
    }
    if (!quiet) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(fitted.describe() + "; kernels " + fitted.provenance().kernels());
      Choices.print(fitted, 5, err);
      err.printf(Locale.ROOT, "wrote %s%n", model);
    }
    return ExitCodes.OK;
  }

  /** The objective named, or null for auto. */
  private Objective objective() {
    if (objective.equalsIgnoreCase("auto")) {
      return null;
    }
    try {
      return new LowerCaseEnum.ObjectiveConverter().convert(objective);
    } catch (RuntimeException e) {
      throw new UsageException(
          "--objective takes auto, linear, neighbors or both, not '" + objective + "'");
    }
  }

  private int ensemble() {
    if (ensemble.equalsIgnoreCase("auto")) {
      return Regressor.AUTO_ENSEMBLE;
    }
    try {
      int networks = Integer.parseInt(ensemble);
      if (networks >= 1) {
        return networks;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--ensemble takes a number of networks (at least 1) or auto, not '"
        + ensemble + "'");
  }

  private Regressor regressor() {
    Regressor.Builder b =
        Regressor.builder()
            .ensemble(ensemble())
            .steps(steps)
            .batchSize(batchSize())
            .optimizer(optimizer)
            .schedule(schedule)
            .initializer(initializer)
            .validationFraction(validation)
            .patience(patience)
            .weightDecay(weightDecay)
            .candidateShare(candidates)
            .seed(seed)
            .calibration(calibration)
            .neighborSearch(index)
            .inputScaling(inputs)
            .maxLevels(maxLevels);
    if (encodingBins != null) {
      b.encodingBins(encodingBins);
    }
    PredictorSpec spec = prediction.spec();
    if (spec != null) {
      b.predictor(spec);
    }
    Objective named = objective();
    if (named == null) {
      b.autoObjective();
    } else {
      b.objective(named);
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (width != null) {
      b.width(width);
    }
    if (depth != null) {
      b.depth(depth);
    }
    Integer threads = run.checkedThreads();
    if (threads != null) {
      b.threads(threads);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The type --task gives the target column; null to infer it. */
  private ColumnType targetType() {
    return switch (task.toLowerCase(Locale.ROOT)) {
      case "auto" -> null;
      case "regression" -> ColumnType.NUMERIC;
      case "classification" -> ColumnType.CATEGORICAL;
      default -> throw new UsageException(
          "--task must be auto, regression or classification, got '" + task + "'");
    };
  }

  private int batchSize() {
    if (batch.equalsIgnoreCase("full")) {
      return 0;
    }
    try {
      int n = Integer.parseInt(batch);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--batch must be 'full' or a positive number of rows, got '" + batch + "'");
  }
}
