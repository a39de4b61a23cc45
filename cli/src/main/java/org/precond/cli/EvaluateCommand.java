package org.precond.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.evaluate.ClassifierEvaluation;
import org.precond.evaluate.ClassifierScores;
import org.precond.evaluate.Evaluation;
import org.precond.evaluate.EvaluationRow;
import org.precond.evaluate.IntervalScores;
import org.precond.io.AtomicFile;
import org.precond.linear.Linearity;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.Candidate;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.prep.Fold;
import org.precond.report.MetricsTable;
import org.precond.space.Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond evaluate}: every method in every space, scored side by side. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Scores the network alone and every interpolant (k-NN, Shepard, modified Shepard, linear "
          + "Shepard, Voronoi) in every space (raw, embedding, weighted), on targets and on the "
          + "network's residuals, with RMSE, MAE, maximum error and R² per target; the best RMSE "
          + "is marked with *.",
      "For a calibrated model it also scores intervals (coverage, width) and predictive "
          + "distributions (CRPS, pinball loss) beside a Gaussian interval around the network.",
      "With --cv K the data is a training file: K networks are trained (with the model's "
          + "settings) and each is scored on its held-out fold; figures are means over folds "
          + "(point predictions only)."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Model file; with --cv, its training settings (default settings without it).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Test rows with the target columns (training rows with --cv).")
  Path data;

  @Option(names = "--cv", paramLabel = "K", description = "K-fold cross-validation.")
  Integer folds;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the folds (--cv).")
  long seed;

  @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "0.9",
      description = "Nominal coverage of the intervals scored for a calibrated model.")
  double level;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the results as JSON (- for stdout instead of the table).")
  Path json;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    if (model == null && folds == null) {
      throw new UsageException("evaluate needs --model (or --cv K to train its own networks)");
    }
    if (folds != null && folds < 2) {
      throw new UsageException("--cv needs at least 2 folds, got " + folds);
    }
    PrecondModel fitted = model == null ? null : run.load(model);
    if (fitted != null && fitted.preprocessing().isClassification()) {
      if (folds != null) {
        throw new UsageException("--cv scores regressors; give a classifier's test rows instead");
      }
      Dataset test = run.rowsWithTargets(fitted, data);
      spec.commandLine().getErr().printf(
          Locale.ROOT, "scoring the classifier and its variants on %d rows...%n", test.rows());
      List<ClassifierScores> scores = ClassifierEvaluation.run(fitted, test, level);
      boolean toStdout = json != null && json.toString().equals("-");
      if (!toStdout) {
        ClassifierTable.print(scores, spec.commandLine().getOut());
      }
      if (json != null) {
        writeClassifierJson(fitted, scores, toStdout);
      }
      return ExitCodes.OK;
    }
    List<String> targetNames;
    List<PredictorSpec> estimators = Evaluation.everyPredictor();
    List<List<EvaluationRow>> runs = new ArrayList<>();
    List<IntervalScores> intervals = List.of();
    List<Map<Space, Linearity>> linearity = new ArrayList<>();
    if (folds == null) {
      Dataset test = run.rowsWithTargets(fitted, data);
      targetNames = fitted.targetNames();
      spec.commandLine().getErr().printf(
          Locale.ROOT, "scoring %d estimators on %d rows (each fits its interpolant on %d "
              + "training rows)...%n", estimators.size(), test.rows(), fitted.rows().training());
      spec.commandLine().getErr().flush();
      runs.add(Evaluation.run(fitted, test, estimators));
      linearity.add(Evaluation.linearity(fitted));
      if (fitted.isCalibrated()) {
        intervals =
            Evaluation.intervals(
                fitted, test, Evaluation.intervalPredictors(fitted), level);
      }
    } else {
      CsvReader.Builder reader = run.reader();
      if (fitted != null) {
        reader = fitted.rowReader().delimiter(run.delimiter).missing(run.missing)
            .targetsOptional(false);
      }
      Table all = reader.build().readTable(data);
      targetNames = all.targetNames();
      Regressor.Builder regressor =
          Regressor.builder().predictor(PredictorSpec.NETWORK).calibration(0);
      if (fitted != null) {
        // Networks made as the model's were.
        var encoding = fitted.network().encoding();
        int bins = encoding == null ? 0 : encoding.bins();
        regressor
            .training(fitted.provenance().training())
            .ensemble(fitted.network().size())
            .inputScaling(fitted.preprocessing().kind())
            .encodingBins(bins);
      }
      if (run.checkedThreads() != null) {
        regressor.threads(run.checkedThreads());
      }
      Regressor foldRegressor = regressor.build();
      List<Fold> split = Fold.kFold(all.rows(), folds, seed);
      for (int f = 0; f < split.size(); f++) {
        Fold fold = split.get(f);
        spec.commandLine().getErr().printf(Locale.ROOT, "fold %d/%d%n", f + 1, split.size());
        PrecondModel foldModel = foldRegressor.fit(all.select(fold.train()));
        runs.add(Evaluation.run(
            foldModel, foldModel.encode(all.select(fold.test()), data.toString()), estimators));
        linearity.add(Evaluation.linearity(foldModel));
      }
    }
    MetricsTable table = MetricsTable.averaged(runs, targetNames);
    double[][][] r2 = linearityMeans(linearity, targetNames.size());
    boolean jsonToStdout = json != null && json.toString().equals("-");
    if (!jsonToStdout) {
      if (fitted != null && folds == null) {
        Choices.print(fitted, Integer.MAX_VALUE, spec.commandLine().getOut());
        spec.commandLine().getOut().println();
      }
      printLinearity(r2, targetNames, spec.commandLine().getOut());
      table.print(spec.commandLine().getOut());
      printIntervals(intervals, spec.commandLine().getOut());
    }
    if (json != null) {
      writeJson(folds == null ? fitted : null, table, r2, intervals, jsonToStdout);
    }
    return ExitCodes.OK;
  }

  /** R² per space, target and fit (0: all coordinates, 1: first two principal components). */
  private static double[][][] linearityMeans(List<Map<Space, Linearity>> runs, int targets) {
    double[][][] r2 = new double[Space.values().length][targets][2];
    for (Map<Space, Linearity> run : runs) {
      for (Space space : Space.values()) {
        for (int t = 0; t < targets; t++) {
          r2[space.ordinal()][t][0] += run.get(space).embeddingR2(t) / runs.size();
          r2[space.ordinal()][t][1] += run.get(space).principalPlaneR2(t) / runs.size();
        }
      }
    }
    return r2;
  }

  private static void printLinearity(double[][][] r2, List<String> targets, PrintWriter out) {
    out.println("linearity on the training rows: R² of a linear least-squares fit of the target");
    for (int t = 0; t < targets.size(); t++) {
      for (Space space : Space.values()) {
        out.printf(
            Locale.ROOT,
            "  %-10s %-9s on all coordinates %.4f, on the first two principal components %.4f%n",
            targets.get(t), space.label(), r2[space.ordinal()][t][0], r2[space.ordinal()][t][1]);
      }
    }
    out.println();
  }

  private static void printIntervals(List<IntervalScores> scores, PrintWriter out) {
    if (scores.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%nintervals at %.0f%% and predictive distributions (calibration rows the model kept)%n",
        scores.get(0).level() * 100);
    out.printf(
        Locale.ROOT, "  %-58s %9s %10s %10s %10s%n", "method, difficulty", "coverage", "width",
        "CRPS", "pinball");
    for (IntervalScores s : scores) {
      out.printf(
          Locale.ROOT, "  %-58s %9.4f %10.4g %10.4g %10.4g%n",
          s.name(), s.coverage(), s.width(), s.crps(), s.pinball());
    }
  }

  /** A classifier's candidates and every estimator's scores, as {@link #writeJson} for numbers. */
  private void writeClassifierJson(
      PrecondModel fitted, List<ClassifierScores> scores, boolean toStdout) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode chosen = root.putArray("candidates");
    for (Candidate c : fitted.provenance().candidates()) {
      chosen.addObject()
          .put("predictor", c.spec().describe())
          .put("validation_log_loss", c.error());
    }
    ArrayNode results = root.putArray("results");
    for (ClassifierScores s : scores) {
      ClassificationMetrics m = s.metrics();
      results.addObject()
          .put("estimator", s.name())
          .put("accuracy", m.accuracy())
          .put("log_loss", m.logLoss())
          .put("brier", m.brier())
          .put("calibration_error", m.calibrationError())
          .put("macro_f1", m.macroF1())
          .put("set_level", s.level())
          .put("set_coverage", s.coverage())
          .put("set_size", s.setSize());
    }
    write(mapper, root, toStdout);
  }

  private void write(JsonMapper mapper, ObjectNode root, boolean toStdout) throws IOException {
    String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    if (toStdout) {
      spec.commandLine().getOut().println(text);
      return;
    }
    AtomicFile.writeText(json, w -> w.write(text + "\n"));
  }

  private void writeJson(
      PrecondModel fitted, MetricsTable table, double[][][] r2, List<IntervalScores> intervals,
      boolean toStdout) throws IOException {
    List<String> targets = table.targetNames();
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode chosen = root.putArray("candidates");
    if (fitted != null) {
      for (Candidate c : fitted.provenance().candidates()) {
        chosen.addObject()
            .put("predictor", c.spec().describe())
            .put("validation_rmse", Choices.rmse(fitted, c));
      }
    }
    ArrayNode iv = root.putArray("intervals");
    for (IntervalScores s : intervals) {
      ObjectNode n = iv.addObject();
      n.put("name", s.name());
      n.put("level", s.level());
      n.put("coverage", s.coverage());
      n.put("width", s.width());
      n.put("crps", s.crps());
      n.put("pinball", s.pinball());
    }
    ObjectNode lin = root.putObject("linearity");
    for (Space space : Space.values()) {
      ObjectNode perSpace = lin.putObject(space.label());
      for (int t = 0; t < targets.size(); t++) {
        ObjectNode fig = perSpace.putObject(targets.get(t));
        fig.put("r2_all", r2[space.ordinal()][t][0]);
        fig.put("r2_principal_plane", r2[space.ordinal()][t][1]);
      }
    }
    ArrayNode results = root.putArray("results");
    for (MetricsTable.Row s : table.rows()) {
      ObjectNode row = results.addObject();
      row.put("method", s.method());
      row.put("space", s.space());
      row.put("residual", s.residual());
      row.put("k", s.k());
      ObjectNode perTarget = row.putObject("targets");
      for (int t = 0; t < targets.size(); t++) {
        ObjectNode fig = perTarget.putObject(targets.get(t));
        for (int i = 0; i < MetricsTable.FIGURES.size(); i++) {
          fig.put(MetricsTable.FIGURES.get(i), s.figures()[t][i]);
        }
      }
    }
    write(mapper, root, toStdout);
  }
}
