package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import java.util.concurrent.Callable;
import org.precond.data.Dataset;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.model.PrecondModel;
import org.precond.prep.Classes;
import org.precond.model.Predictions;
import org.precond.model.NeighborRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code precond predict}: the model's predictions for the rows of a CSV file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    defaultValueProvider = CoreDefaults.ForFittedModels.class,
    sortOptions = false,
    description = {
      "Predicts the targets for each row of a CSV file and writes them as CSV, rows in input "
          + "order: one column per target named as the target, then (when asked) interval "
          + "bounds, predictive quantiles and the contributing training rows.",
      "A classifier writes the most probable label in a column named as the target, one "
          + "probability column per class (<target>_p_<class>), and with --set the labels of a "
          + "conformal prediction set.",
      "The rows need the model's feature columns (by name); target columns may be absent.",
      "By default the model predicts as it was fitted; --method and its options refit another "
          + "interpolant on the training rows the model keeps."
    })
final class PredictCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to predict: CSV with a header row, or - for stdin.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the predictions (atomically), or - for stdout.")
  Path out;

  @Option(names = "--interval", paramLabel = "LEVEL",
      description = "Add <target>_lower and <target>_upper: a split-conformal interval at this "
          + "level, e.g. 0.9.")
  Double interval;

  @Option(names = "--quantiles", split = ",", paramLabel = "P",
      description = "Add <target>_q<P> for each P: quantiles of the conformal predictive "
          + "distribution, e.g. 0.05,0.5,0.95.")
  List<Double> quantiles;

  @Option(names = "--difficulty", paramLabel = "KIND",
      converter = LowerCaseEnum.DifficultyConverter.class,
      description = "What scales intervals and distributions per row: none (plain conformal), "
          + "spread (of the nearest training values) or distance (to the nearest training rows).")
  Difficulty difficulty;

  @Option(names = "--set", paramLabel = "LEVEL",
      description = "Classifiers: add <target>_set, the labels of a split-conformal prediction "
          + "set at this level (e.g. 0.9) joined by '|'.")
  Double set;

  @Option(names = "--set-score", paramLabel = "adaptive|plain",
      converter = LowerCaseEnum.SetScoreConverter.class,
      description = "Classifiers: the score of the prediction sets: adaptive (sets grow where "
          + "the model is unsure) or plain (one minus the class probability: smallest on "
          + "average).")
  SetScore setScore;

  @Option(names = "--neighbors", paramLabel = "K",
      description = "Add, for the K nearest contributing training rows: neighbor_<i>_row (data "
          + "row in the training file, 1 = first after the header), _distance, _weight and the "
          + "row's target values.")
  Integer neighbors;

  @Mixin PredictorOptions prediction;

  @Mixin RunOptions run;

  /** Rows from which predicting is told on standard error. */
  private static final int TOLD_FROM = 100_000;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    PrecondModel m = run.load(model);
    Dataset rows = run.features(m, data);
    if (prediction.given()) {
      m = m.withPredictor(prediction.refit());
    }
    boolean classes = m.preprocessing().isClassification();
    if (classes && (interval != null || quantiles != null)) {
      throw new UsageException(
          "the model predicts classes: --interval and --quantiles are for numeric targets; "
              + "--set LEVEL gives prediction sets");
    }
    if (!classes && set != null) {
      throw new UsageException("--set is for classifiers; --interval LEVEL gives intervals");
    }
    if ((interval != null || quantiles != null || set != null) && !m.isCalibrated()) {
      throw new UsageException(
          "the model kept no calibration rows for intervals; refit with at least 20 validation "
              + "rows (--validation) or with --calibration above 0");
    }
    // Only many rows take long enough to be worth telling: a line when it starts and when it ends.
    TrainingProgress progress =
        rows.rows() >= TOLD_FROM ? TrainingProgress.onStandardError() : null;
    String task = String.format(Locale.ROOT, "predicting %,d rows", rows.rows());
    if (progress != null) {
      progress.onWork(task, 0, 1);
    }
    Predictions p = m.predict(rows);
    if (neighbors != null && p.neighbors() == null) {
      throw new UsageException(
          "--neighbors needs a neighbour-based method, not " + m.predictorSpec().describe());
    }
    // Inside the task: the rows' difficulties, a neighbour search each, are found here.
    float[][] bounds = interval == null ? null : p.interval(interval, difficulty);
    List<float[]> quantileValues = new ArrayList<>();
    if (quantiles != null) {
      for (double q : quantiles) {
        quantileValues.add(p.quantile(q, difficulty));
      }
    }
    if (progress != null) {
      progress.onWork(task, 1, 1);
    }
    if (classes) {
      writeClasses(p);
    } else {
      write(m, p, bounds, quantileValues);
    }
    return ExitCodes.OK;
  }

  private void checkOptions() {
    if (interval != null && !(interval > 0 && interval < 1)) {
      throw new UsageException("--interval must be a level in (0, 1), e.g. 0.9; got " + interval);
    }
    if (quantiles != null) {
      for (double q : quantiles) {
        if (!(q > 0 && q < 1)) {
          throw new UsageException("--quantiles must lie in (0, 1); got " + q);
        }
      }
    }
    if (set != null && !(set > 0 && set < 1)) {
      throw new UsageException("--set must be a level in (0, 1), e.g. 0.9; got " + set);
    }
    if (neighbors != null && neighbors < 1) {
      throw new UsageException("--neighbors must be at least 1, got " + neighbors);
    }
  }

  /** The label, one probability per class, the set when asked, and the neighbours' labels. */
  private void writeClasses(Predictions p) throws IOException {
    Classes classes = p.classes();
    String target = classes.target();
    int c = classes.count();
    Table table = new Table(p.rows());
    String[] labels = p.labels();
    table.add(target, r -> labels[r]);
    float[] probabilities = p.means();
    for (int j = 0; j < c; j++) {
      table.addFloats(target + "_p_" + classes.labels().get(j), probabilities, c, j);
    }
    if (set != null) {
      boolean[][] sets = p.sets(set, setScore);
      table.add(target + "_set", r -> {
        StringJoiner joined = new StringJoiner("|");
        for (int j = 0; j < c; j++) {
          if (sets[r][j]) {
            joined.add(classes.labels().get(j));
          }
        }
        return joined.toString();
      });
    }
    addNeighbors(table, p.neighbors(), (rank, prefix) ->
        table.add(prefix + target, r -> rank < p.neighbors().count(r)
            ? p.neighbors().label(r, rank) : ""));
    table.write(out);
  }

  /**
   * With --neighbors, per rank the neighbour's training row, distance and weight, then the
   * columns {@code targets} adds for that rank and column prefix.
   */
  private void addNeighbors(
      Table table, NeighborRows nb, BiConsumer<Integer, String> targets) {
    if (neighbors == null) {
      return;
    }
    for (int rank = 0; rank < neighbors; rank++) {
      int r0 = rank;
      String prefix = "neighbor_" + (rank + 1) + "_";
      table.add(prefix + "row", r -> r0 < nb.count(r)
          ? Integer.toString(nb.trainingRow(r, r0) + 1) : "");
      table.add(prefix + "distance", r -> r0 < nb.count(r)
          ? Float.toString(nb.distance(r, r0)) : "");
      table.add(prefix + "weight", r -> r0 < nb.count(r)
          ? Float.toString((float) nb.weight(r, r0)) : "");
      targets.accept(r0, prefix);
    }
  }

  private void write(PrecondModel m, Predictions p, float[][] bounds, List<float[]> q)
      throws IOException {
    List<String> targets = m.targetNames();
    int t = targets.size();
    Table table = new Table(p.rows());
    float[] means = p.means();
    for (int o = 0; o < t; o++) {
      table.addFloats(targets.get(o), means, t, o);
    }
    if (bounds != null) {
      for (int o = 0; o < t; o++) {
        table.addFloats(targets.get(o) + "_lower", bounds[0], t, o);
        table.addFloats(targets.get(o) + "_upper", bounds[1], t, o);
      }
    }
    for (int o = 0; o < t; o++) {
      for (int i = 0; i < q.size(); i++) {
        table.addFloats(targets.get(o) + "_q" + quantiles.get(i), q.get(i), t, o);
      }
    }
    NeighborRows nb = p.neighbors();
    addNeighbors(table, nb, (rank, prefix) -> {
      for (int o = 0; o < t; o++) {
        int o0 = o;
        table.add(prefix + targets.get(o), r -> rank < nb.count(r)
            ? Float.toString(nb.target(r, rank, o0)) : "");
      }
    });
    table.write(out);
  }
}
