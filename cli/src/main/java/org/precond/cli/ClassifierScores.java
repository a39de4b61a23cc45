package org.precond.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.Variants;
import org.precond.space.Space;

/**
 * {@code evaluate} for a classifier: the model as fitted, the network alone and k-NN in each
 * space, scored on test rows by accuracy, log loss, Brier score, calibration error, macro F1, and
 * the coverage and mean size of their conformal prediction sets.
 */
final class ClassifierScores {

  /** One estimator's scores; set coverage and size are NaN without calibration. */
  record Row(String name, ClassificationMetrics metrics, double coverage, double size) {}

  private ClassifierScores() {}

  static List<Row> score(PrecondModel model, Dataset test, double level) {
    List<Row> out = new ArrayList<>();
    out.add(row("as fitted: " + model.predictorSpec().describe(), model, test, level));
    List<PredictorSpec> others = new ArrayList<>();
    others.add(PredictorSpec.NETWORK);
    for (Space space : Space.values()) {
      others.add(new PredictorSpec(InterpolantSpec.of(Method.KNN), space, false));
    }
    try (Variants variants = model.variants(true)) {
      for (PredictorSpec spec : others) {
        PrecondModel variant = variants.with(spec);
        out.add(row(variant.predictorSpec().describe(), variant, test, level));
      }
    }
    return out;
  }

  private static Row row(String name, PrecondModel model, Dataset test, double level) {
    Predictions p = model.predict(test);
    int classes = p.classes().count();
    ClassificationMetrics m = ClassificationMetrics.compute(p.means(), test.targets(), classes);
    if (!p.calibrated()) {
      return new Row(name, m, Double.NaN, Double.NaN);
    }
    boolean[][] sets = p.sets(level);
    double covered = 0;
    double size = 0;
    float[] y = test.targets();
    for (int r = 0; r < sets.length; r++) {
      for (int c = 0; c < classes; c++) {
        if (sets[r][c]) {
          size++;
          covered += y[r * classes + c];
        }
      }
    }
    return new Row(name, m, covered / sets.length, size / sets.length);
  }

  static void print(List<Row> rows, double level, PrintWriter out) {
    out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s %9s %9s %9s%n", "estimator", "accuracy",
        "log loss", "Brier", "ECE", "macro F1", "covered", "set size");
    for (Row r : rows) {
      ClassificationMetrics m = r.metrics();
      out.printf(Locale.ROOT, "%-52s %9.4f %9.4f %9.4f %9.4f %9.4f %9.3f %9.2f%n", r.name(),
          m.accuracy(), m.logLoss(), m.brier(), m.calibrationError(), m.macroF1(), r.coverage(),
          r.size());
    }
    out.printf(Locale.ROOT,
        "%d test rows; prediction sets at level %s (score %s); ECE over %d bins of the top "
            + "probability%n", rows.get(0).metrics().rows(), level,
        Predictions.DEFAULT_SET_SCORE.label(), ClassificationMetrics.BINS);
    out.flush();
  }
}
