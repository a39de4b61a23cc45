package org.precond.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.precond.evaluate.ClassifierScores;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.Predictions;

/** {@code evaluate} for a classifier: its estimators' scores as an aligned table. */
final class ClassifierTable {

  private ClassifierTable() {}

  /** Prints one line per estimator, then what the figures were measured on. */
  static void print(List<ClassifierScores> rows, PrintWriter out) {
    out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s %9s %9s %9s%n", "estimator", "accuracy",
        "log loss", "Brier", "ECE", "macro F1", "covered", "set size");
    for (ClassifierScores r : rows) {
      ClassificationMetrics m = r.metrics();
      out.printf(Locale.ROOT, "%-52s %9.4f %9.4f %9.4f %9.4f %9.4f %9.3f %9.2f%n", r.name(),
          m.accuracy(), m.logLoss(), m.brier(), m.calibrationError(), m.macroF1(), r.coverage(),
          r.setSize());
    }
    out.printf(Locale.ROOT,
        "%d test rows; prediction sets at level %s (score %s); ECE over %d bins of the top "
            + "probability%n", rows.get(0).metrics().rows(), rows.get(0).level(),
        Predictions.DEFAULT_SET_SCORE.label(), ClassificationMetrics.BINS);
    out.flush();
  }
}
