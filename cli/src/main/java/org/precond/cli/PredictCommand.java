package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.data.Dataset;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.model.PrecondModel;
import org.precond.model.PredictionColumns;
import org.precond.model.Predictions;
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
    PredictionColumns.Request request = new PredictionColumns.Request(
        interval, quantiles == null ? List.of() : quantiles,
        difficulty == null ? Predictions.DEFAULT_DIFFICULTY : difficulty, set,
        setScore == null ? Predictions.DEFAULT_SET_SCORE : setScore,
        neighbors == null ? 0 : neighbors);
    // Inside the task: the rows' difficulties, a neighbour search each, are found here.
    PredictionColumns.Values values = PredictionColumns.of(m, request).values(p);
    if (progress != null) {
      progress.onWork(task, 1, 1);
    }
    write(values);
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

  private void write(PredictionColumns.Values values) throws IOException {
    Table table = new Table(values.rows());
    List<PredictionColumns.Column> columns = values.columns();
    for (int c = 0; c < columns.size(); c++) {
      int c0 = c;
      table.add(columns.get(c).name(), r -> values.text(c0, r));
    }
    table.write(out);
  }
}
