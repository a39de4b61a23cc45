package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.precond.conformal.Difficulty;
import org.precond.data.Dataset;
import org.precond.model.Explanation;
import org.precond.model.PrecondModel;
import org.precond.prep.Classes;
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
    defaultValueProvider = CoreDefaults.ForFittedModels.class,
    sortOptions = false,
    description = {
      "Prints, for each row of a CSV file (or one with --row), the prediction, its conformal "
          + "interval, and the training rows that produced it: their row number in the training "
          + "file (1 = first row after the header), distance, weight, feature values and targets."
    })
final class ExplainCommand implements Callable<Integer> {

  /** A classifier's most probable classes shown per row. */
  private static final int CLASSES_SHOWN = 3;

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

  @Option(names = "--difficulty", paramLabel = "KIND",
      converter = LowerCaseEnum.DifficultyConverter.class,
      description = "Interval scaling: none, spread or distance.")
  Difficulty difficulty;

  @Option(names = "--neighbors", paramLabel = "K", defaultValue = "10",
      description = "At most this many training rows per prediction, by weight.")
  int shown;

  @Mixin PredictorOptions prediction;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    if (!(level > 0 && level < 1)) {
      throw new UsageException("--interval must be a level in (0, 1), got " + level);
    }
    PrecondModel m = run.load(model);
    Dataset rows = run.rows(m, data);
    if (row != null && (row < 1 || row > rows.rows())) {
      throw new UsageException(
          "--row must be between 1 and " + rows.rows() + " (rows in " + data + "), got " + row);
    }
    Dataset queries = row == null ? rows : rows.select(new int[] {row - 1});
    if (prediction.given()) {
      m = m.withPredictor(prediction.refit());
    }
    Predictions p = m.predict(queries);
    if (p.neighbors() == null) {
      throw new UsageException(
          "explain needs a neighbour-based method; the model predicts with "
              + m.predictorSpec().describe() + " (try --method knn)");
    }
    print(m, queries, p, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  private void print(PrecondModel m, Dataset queries, Predictions p, PrintWriter out) {
    List<String> features = m.featureNames();
    List<String> targets = m.targetNames();
    int d = features.size();
    int t = targets.size();
    boolean classes = p.classes() != null;
    float[][] bounds = p.calibrated() && !classes ? p.interval(level, difficulty) : null;
    boolean[][] sets = p.calibrated() && classes ? p.sets(level) : null;
    out.printf(Locale.ROOT, "predicting with %s%n", m.predictorSpec().describe());
    for (int q = 0; q < p.rows(); q++) {
      Explanation e = p.explain(q);
      int shownRow = row == null ? q + 1 : row;
      out.printf(Locale.ROOT, "%nrow %d:", shownRow);
      for (int c = 0; c < d; c++) {
        out.printf(Locale.ROOT, " %s=%s", features.get(c), queries.feature(q, c));
      }
      out.println();
      if (classes) {
        printClasses(p, queries, q, sets == null ? null : sets[q], out);
      }
      for (int o = 0; o < t && !classes; o++) {
        out.printf(Locale.ROOT, "  %s = %.6g", targets.get(o), e.prediction()[o]);
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
      StringBuilder header =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "  %4s %12s %10s %8s", "#", "training row", "distance", "weight"));
      for (String f : features) {
        header.append(String.format(Locale.ROOT, " %12s", clip(f)));
      }
      for (String tn : classes ? List.of(p.classes().target()) : targets) {
        header.append(String.format(Locale.ROOT, " %12s", clip(tn)));
      }
      out.println(header);
      List<Explanation.Contribution> rowsBehind = e.contributions();
      for (int i = 0; i < Math.min(shown, rowsBehind.size()); i++) {
        Explanation.Contribution c = rowsBehind.get(i);
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT, "  %4d %12d %10.4g %8.4f",
                    i + 1, c.trainingRow() + 1, c.distance(), c.weight()));
        for (float v : c.features()) {
          line.append(String.format(Locale.ROOT, " %12s", v));
        }
        if (classes) {
          line.append(String.format(Locale.ROOT, " %12s", p.neighbors().label(q, i)));
        } else {
          for (float v : c.targets()) {
            line.append(String.format(Locale.ROOT, " %12s", v));
          }
        }
        out.println(line);
      }
    }
  }

  /** The label, the most probable classes, the prediction set and the actual label. */
  private void printClasses(
      Predictions p, Dataset queries, int q, boolean[] set, PrintWriter out) {
    Classes classes = p.classes();
    int c = classes.count();
    float[] probabilities = p.means();
    Integer[] order = new Integer[c];
    for (int j = 0; j < c; j++) {
      order[j] = j;
    }
    Arrays.sort(
        order, (a, b) -> Float.compare(probabilities[q * c + b], probabilities[q * c + a]));
    StringBuilder line = new StringBuilder("  " + classes.target() + " = " + p.labels()[q] + ";");
    for (int j = 0; j < Math.min(CLASSES_SHOWN, c); j++) {
      line.append(String.format(Locale.ROOT, " p(%s) %.4f", classes.labels().get(order[j]),
          probabilities[q * c + order[j]]));
    }
    if (set != null) {
      StringJoiner members = new StringJoiner(", ", "{", "}");
      for (int j = 0; j < c; j++) {
        if (set[j]) {
          members.add(classes.labels().get(j));
        }
      }
      line.append(String.format(Locale.ROOT, ";  %.0f%% set %s", level * 100, members));
    }
    if (queries.targetCount() == c) {
      for (int j = 0; j < c; j++) {
        if (queries.target(q, j) == 1) {
          line.append(";  actual ").append(classes.labels().get(j));
        }
      }
    }
    out.println(line);
  }

  private static String clip(String name) {
    return name.length() <= 12 ? name : name.substring(0, 11) + "…";
  }
}
