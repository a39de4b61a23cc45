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
          + "columns precond predict writes, rows in input order."
    })
public final class Main implements Callable<Integer> {

  /** Where Spark runs unless spark-submit says otherwise. */
  static final String LOCAL_MASTER = "local[2]";

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "Model file, as precond fit writes it.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to predict: CSV with a header row.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the predictions (atomically), or - for stdout.")
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

  @Override
  public Integer call() throws IOException {
    if (partitions < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--partitions must be at least 1, got " + partitions);
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
    cl.getErr().println("precond-spark: " + cause.getMessage());
    return 1;
  }
}
