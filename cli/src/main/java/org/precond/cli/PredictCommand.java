package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.precond.data.Dataset;
import org.precond.conformal.Difficulty;
import org.precond.model.PrecondModel;
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

  @Option(names = "--neighbors", paramLabel = "K",
      description = "Add, for the K nearest contributing training rows: neighbor_<i>_row (data "
          + "row in the training file, 1 = first after the header), _distance, _weight and the "
          + "row's target values.")
  Integer neighbors;

  @Mixin PredictorOptions prediction;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    PrecondModel m = run.load(model);
    Dataset rows = run.rows(m, data);
    if (prediction.given()) {
      m = m.withPredictor(prediction.refit());
    }
    if ((interval != null || quantiles != null) && !m.isCalibrated()) {
      throw new UsageException(
          "the model kept no calibration rows for intervals; refit with at least 20 validation "
              + "rows (--validation) or with --calibration above 0");
    }
    Predictions p = m.predict(rows);
    if (neighbors != null && p.neighbors() == null) {
      throw new UsageException(
          "--neighbors needs a neighbour-based method, not " + m.predictorSpec().describe());
    }
    float[][] bounds = interval == null ? null : p.interval(interval, difficulty);
    List<float[]> quantileValues = new ArrayList<>();
    if (quantiles != null) {
      for (double q : quantiles) {
        quantileValues.add(p.quantile(q, difficulty));
      }
    }
    write(m, p, bounds, quantileValues);
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
    if (neighbors != null && neighbors < 1) {
      throw new UsageException("--neighbors must be at least 1, got " + neighbors);
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
    if (neighbors != null) {
      NeighborRows nb = p.neighbors();
      for (int rank = 0; rank < neighbors; rank++) {
        int r0 = rank;
        String prefix = "neighbor_" + (rank + 1) + "_";
        table.add(prefix + "row", r -> r0 < nb.count(r)
            ? Integer.toString(nb.trainingRow(r, r0) + 1) : "");
        table.add(prefix + "distance", r -> r0 < nb.count(r)
            ? Float.toString(nb.distance(r, r0)) : "");
        table.add(prefix + "weight", r -> r0 < nb.count(r)
            ? Float.toString((float) nb.weight(r, r0)) : "");
        for (int o = 0; o < t; o++) {
          int o0 = o;
          table.add(prefix + targets.get(o), r -> r0 < nb.count(r)
              ? Float.toString(nb.target(r, r0, o0)) : "");
        }
      }
    }
    table.write(out);
  }
}
