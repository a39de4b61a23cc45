package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.concurrent.Workers;
import org.precond.conformal.Difficulty;
import org.precond.data.Dataset;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond explain}: each prediction with its interval and the training rows behind it. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Prints, for each row of a CSV file (or one with --row), the prediction, its conformal "
          + "interval, and the training rows that produced it: their row number in the training "
          + "file (1 = first row after the header), distance, weight, feature values and targets."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to explain: CSV with a header row, or - for stdin.")
  Path data;

  @Option(names = "--row", paramLabel = "N",
      description = "Only this row of the data (1 = first row after the header).")
  Integer row;

  @Option(names = "--interval", paramLabel = "LEVEL", defaultValue = "0.9",
      description = "Level of the interval shown (when the model is calibrated).")
  double level;

  @Option(names = "--difficulty", paramLabel = "KIND", defaultValue = "spread",
      converter = LowerCaseEnum.DifficultyConverter.class,
      description = "Interval scaling: none, spread or distance.")
  Difficulty difficulty;

  @Option(names = "--neighbors", paramLabel = "K", defaultValue = "10",
      description = "At most this many training rows per prediction, by weight.")
  int shown;

  @Mixin EstimatorOptions prediction;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    if (!(level > 0 && level < 1)) {
      throw new UsageException("--interval must be a level in (0, 1), got " + level);
    }
    PrecondModel m = PrecondModel.load(model);
    Dataset rows = RowsInput.read(m, data, run.delimiter);
    if (row != null && (row < 1 || row > rows.rows())) {
      throw new UsageException(
          "--row must be between 1 and " + rows.rows() + " (rows in " + data + "), got " + row);
    }
    Dataset queries = row == null ? rows : rows.select(new int[] {row - 1});
    Predictions p;
    try (Workers workers = run.workers()) {
      if (prediction.given()) {
        m = m.withEstimator(prediction.estimator(null), workers);
      }
      p = m.predictions(queries, workers);
    }
    if (p.neighbors() == null) {
      throw new UsageException(
          "explain needs a neighbour-based method; the model predicts with "
              + m.estimator().describe() + " (try --method knn)");
    }
    print(m, queries, p, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  private void print(PrecondModel m, Dataset queries, Predictions p, PrintWriter out) {
    List<String> features = m.featureNames();
    List<String> targets = m.targetNames();
    int d = features.size();
    int t = targets.size();
    float[] means = p.means();
    float[][] bounds = p.calibrated() ? p.interval(level, difficulty) : null;
    float[] trainingFeatures = m.trainingFeatures();
    float[] trainingTargets = m.trainingTargets();
    WeightedNeighbors nb = p.neighbors();
    out.printf(Locale.ROOT, "predicting with %s%n", m.estimator().describe());
    for (int q = 0; q < p.rows(); q++) {
      int shownRow = row == null ? q + 1 : row;
      out.printf(Locale.ROOT, "%nrow %d:", shownRow);
      for (int c = 0; c < d; c++) {
        out.printf(Locale.ROOT, " %s=%s", features.get(c), queries.feature(q, c));
      }
      out.println();
      for (int o = 0; o < t; o++) {
        out.printf(Locale.ROOT, "  %s = %.6g", targets.get(o), means[q * t + o]);
        if (bounds != null) {
          out.printf(
              Locale.ROOT, "   %.0f%% interval [%.6g, %.6g]",
              level * 100, bounds[0][q * t + o], bounds[1][q * t + o]);
        }
        if (queries.targetCount() == t) {
          out.printf(Locale.ROOT, "   actual %s", queries.target(q, o));
        }
        out.println();
      }
      Integer[] order = byWeight(nb, q);
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %4s %12s %10s %8s", "#", "training row", "distance", "weight"));
      for (String f : features) {
        header.append(String.format(Locale.ROOT, " %12s", clip(f)));
      }
      for (String tn : targets) {
        header.append(String.format(Locale.ROOT, " %12s", clip(tn)));
      }
      out.println(header);
      for (int i = 0; i < Math.min(shown, order.length); i++) {
        int r = order[i];
        int node = nb.index(q, r);
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT, "  %4d %12d %10.4g %8.4f",
                    i + 1, m.trainingRowNumber(node) + 1, nb.distance(q, r), nb.weight(q, r)));
        for (int c = 0; c < d; c++) {
          line.append(String.format(Locale.ROOT, " %12s", trainingFeatures[node * d + c]));
        }
        for (int o = 0; o < t; o++) {
          line.append(String.format(Locale.ROOT, " %12s", trainingTargets[node * t + o]));
        }
        out.println(line);
      }
    }
  }

  /** Ranks of one query's nodes with weight above zero, heaviest first (then nearest). */
  private static Integer[] byWeight(WeightedNeighbors nb, int q) {
    return java.util.stream.IntStream.range(0, nb.count(q))
        .filter(r -> nb.weight(q, r) > 0)
        .boxed()
        .sorted((a, b) -> {
          int c = Double.compare(nb.weight(q, b), nb.weight(q, a));
          return c != 0 ? c : Integer.compare(a, b);
        })
        .toArray(Integer[]::new);
  }

  private static String clip(String name) {
    return name.length() <= 12 ? name : name.substring(0, 11) + "…";
  }
}
