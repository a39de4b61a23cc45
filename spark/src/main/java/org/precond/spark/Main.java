package org.precond.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark/run-local.sh} and {@code spark-submit}'s entry point: scores a CSV file through
 * Spark with a precond model file, writing what {@code precond predict} writes. Without a master
 * given by {@code spark-submit} it runs Spark in this JVM on two cores ({@code local[2]}).
 */
@Command(
    name = "run-local.sh",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Scores the rows of a CSV file through Apache Spark with a precond model and writes the "
          + "columns precond predict writes, rows in input order.",
      "With --fit, fits a model whose neighbour database is sharded across the executors and "
          + "saves it as a directory (--out); --model DIR then scores with it."
    })
public final class Main implements Callable<Integer> {

  /** Where Spark runs unless spark-submit says otherwise. */
  static final String LOCAL_MASTER = "local[2]";

  @Option(names = "--fit",
      description = "Fit a sharded model on --data and save it in the directory --out.")
  boolean fit;

  @Option(names = "--model", paramLabel = "FILE|DIR",
      description = "Model file, as precond fit writes it, or a sharded model's directory.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to predict (or, with --fit, to fit on): CSV with a header row.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the predictions (atomically), or - for stdout; with --fit, "
          + "the model's directory.")
  Path out;

  @Option(names = "--interval", paramLabel = "LEVEL",
      description = "Add <target>_lower and <target>_upper: a split-conformal interval at this "
          + "level, e.g. 0.9.")
  Double interval;

  @Option(names = "--quantiles", split = ",", paramLabel = "P",
      description = "Add <target>_q<P> for each P: predictive quantiles, e.g. 0.05,0.5,0.95.")
  List<Double> quantiles;

  @Option(names = "--difficulty", paramLabel = "KIND", defaultValue = "spread",
      description = "What scales intervals and quantiles per row: none, spread or distance.")
  String difficulty;

  @Option(names = "--set", paramLabel = "LEVEL",
      description = "Classifiers: add <target>_set, a conformal prediction set at this level.")
  Double set;

  @Option(names = "--set-score", paramLabel = "plain|adaptive", defaultValue = "plain",
      description = "Classifiers: the score of the prediction sets.")
  String setScore;

  @Option(names = "--neighbors", paramLabel = "K",
      description = "Add, for the K nearest contributing training rows: neighbor_<i>_row, "
          + "_distance, _weight and their targets.")
  Integer neighbors;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
      description = "Partitions the rows are split into (about).")
  int partitions;

  @Option(names = "--target", paramLabel = "NAME",
      description = "With --fit: the target column; default: the last one.")
  String target;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "4",
      description = "With --fit: shards of the neighbour database.")
  int shards;

  @Option(names = "--sample", paramLabel = "ROWS", defaultValue = "0",
      description = "With --fit: rows the network trains on, drawn at random; all are indexed. "
          + "Default: as many as half the driver's heap holds.")
  int sample;

  @Option(names = "--k", paramLabel = "K", defaultValue = "10",
      description = "With --fit: neighbours per prediction (k-NN in the embedding).")
  int k;

  @Option(names = "--steps", paramLabel = "N",
      description = "With --fit: training steps; default: precond fit's.")
  Integer steps;

  @Option(names = "--seed", paramLabel = "N",
      description = "With --fit: seed; default: precond fit's.")
  Long seed;

  @Override
  public Integer call() throws IOException {
    if (partitions < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--partitions must be at least 1, got " + partitions);
    }
    if (fit) {
      return fit();
    }
    if (model == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--model is needed to score (or --fit to fit)");
    }
    if (java.nio.file.Files.isDirectory(model)) {
      return scoreSharded();
    }
    PrecondScorer scorer = PrecondScorer.load(model).setPredictionCol("");
    if (interval != null) {
      scorer.setIntervalLevel(interval);
    }
    if (quantiles != null) {
      scorer.setQuantiles(quantiles.stream().mapToDouble(Double::doubleValue).toArray());
    }
    scorer.setDifficulty(difficulty.toLowerCase(Locale.ROOT));
    if (set != null) {
      scorer.setSetLevel(set);
    }
    scorer.setSetScore(setScore.toLowerCase(Locale.ROOT));
    if (neighbors != null) {
      scorer.setNeighbors(neighbors);
    }
    // The request is checked against the model before Spark starts.
    scorer.layout();
    try (SparkSession spark = session()) {
      long started = System.nanoTime();
      long rows = CsvScoring.score(spark, scorer, data, out, partitions);
      System.err.printf(Locale.ROOT, "precond-spark: %,d rows scored in %.1f s (%s)%n", rows,
          (System.nanoTime() - started) / 1e9, spark.sparkContext().master());
    }
    return 0;
  }

  private int fit() throws IOException {
    ShardedEstimator estimator = new ShardedEstimator().setShards(shards).setSampleSize(sample)
        .setK(k);
    if (target != null) {
      estimator.setLabelCol(target);
    }
    if (steps != null) {
      estimator.setSteps(steps);
    }
    if (seed != null) {
      estimator.setSeed(seed);
    }
    try (SparkSession spark = session()) {
      long started = System.nanoTime();
      ShardedModel fitted = estimator.fit(CsvScoring.read(spark, data, partitions));
      fitted.write().overwrite().save(out.toString());
      System.err.printf(Locale.ROOT,
          "precond-spark: %,d rows in %d shards, network %s, saved in %s (%.1f s)%n",
          fitted.rows(), fitted.shardCount(), fitted.network().network(), out,
          (System.nanoTime() - started) / 1e9);
    }
    return 0;
  }

  private int scoreSharded() throws IOException {
    try (SparkSession spark = session()) {
      long started = System.nanoTime();
      ShardedModel sharded = ShardedModel.load(model.toString());
      sharded.setPredictionCol(sharded.network().targetNames().get(0));
      if (interval != null) {
        sharded.setIntervalLevel(interval).setDifficulty(difficulty.toLowerCase(Locale.ROOT));
      }
      if (neighbors != null) {
        sharded.setNeighbors(neighbors);
      }
      long rows = CsvScoring.score(spark, sharded, data, out, partitions);
      System.err.printf(Locale.ROOT, "precond-spark: %,d rows scored in %.1f s (%s)%n", rows,
          (System.nanoTime() - started) / 1e9, spark.sparkContext().master());
    }
    return 0;
  }

  private static SparkSession session() {
    SparkSession.Builder b = SparkSession.builder().appName("precond");
    if (!new SparkConf().contains("spark.master")) {
      b.master(LOCAL_MASTER)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false");
    }
    return b.getOrCreate();
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::failed);
    cl.setParameterExceptionHandler((e, a) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("precond-spark: " + e.getMessage());
      err.println("Try 'run-local.sh --help'.");
      return 2;
    });
    System.exit(cl.execute(args));
  }

  /**
   * One line for what went wrong, however deep Spark wrapped it: the innermost message that names
   * a file, row or column.
   */
  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause
        && !(cause instanceof IOException || cause instanceof IllegalArgumentException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    Main run = cl.getCommand();
    if (message != null && message.startsWith("partition ") && run.data != null) {
      // A partition's rows are numbered from its first: say which file they come from.
      message = run.data + ", " + message;
    }
    cl.getErr().println("precond-spark: " + message);
    return 1;
  }
}
