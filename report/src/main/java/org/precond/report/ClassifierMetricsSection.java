package org.precond.report;

import java.util.List;
import java.util.Locale;
import org.precond.evaluate.ClassifierScores;
import org.precond.metrics.ClassificationMetrics;

/**
 * A classifier's metrics table: the model as fitted, the network alone and k-NN in each space on
 * the test rows, the lowest log loss highlighted.
 */
final class ClassifierMetricsSection implements Section {

  /** Whether a higher figure is better, per column of {@link #figures}. */
  private static final boolean[] HIGHER_IS_BETTER = {true, false, false, false, true};

  private final List<ClassifierScores> rows;

  ClassifierMetricsSection(List<ClassifierScores> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The figures of a row that are compared, in the table's order. */
  private static double[] figures(ClassifierScores s) {
    ClassificationMetrics m = s.metrics();
    return new double[] {
      m.accuracy(), m.logLoss(), m.brier(), m.calibrationError(), m.macroF1()
    };
  }

  /** The index of the row with the lowest log loss (the first of equals). */
  private int best() {
    int best = 0;
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).metrics().logLoss() < rows.get(best).metrics().logLoss()) {
        best = r;
      }
    }
    return best;
  }

  @Override
  public String id() {
    return "metrics";
  }

  @Override
  public String title() {
    return "Metrics";
  }

  @Override
  public String body() {
    ClassifierScores first = rows.get(0);
    int level = (int) Math.round(100 * first.level());
    StringBuilder html = new StringBuilder();
    html.append(String.format(Locale.ROOT,
        "<p>Scored on %d test rows. k-NN votes among the nearest training rows, k chosen by"
            + " leave-one-out. ECE is the expected calibration error over %d bins of the top"
            + " probability; the %d%% prediction sets are split-conformal, calibrated on the rows"
            + " the model held out, and should hold the true class of %d%% of the rows. The row"
            + " with the lowest log loss is highlighted, the best value of each column"
            + " underlined.</p>\n",
        first.metrics().rows(), ClassificationMetrics.BINS, level, level));
    int[] bestInColumn = new int[HIGHER_IS_BETTER.length];
    for (int f = 0; f < bestInColumn.length; f++) {
      for (int r = 1; r < rows.size(); r++) {
        double v = figures(rows.get(r))[f];
        double w = figures(rows.get(bestInColumn[f]))[f];
        if (HIGHER_IS_BETTER[f] ? v > w : v < w) {
          bestInColumn[f] = r;
        }
      }
    }
    html.append("<table class=\"metrics\">\n<thead><tr><th>estimator</th><th>accuracy</th>")
        .append("<th>log loss</th><th>Brier</th><th>ECE</th><th>macro F1</th>")
        .append("<th>").append(level).append("% set coverage</th><th>mean set size</th>")
        .append("</tr></thead>\n<tbody>\n");
    int best = best();
    for (int r = 0; r < rows.size(); r++) {
      ClassifierScores row = rows.get(r);
      html.append(r == best ? "<tr class=\"best\">" : "<tr>");
      html.append("<td>").append(Html.escape(row.name())).append("</td>");
      double[] figures = figures(row);
      for (int f = 0; f < figures.length; f++) {
        html.append(
                bestInColumn[f] == r ? "<td class=\"num column-best\">" : "<td class=\"num\">")
            .append(String.format(Locale.ROOT, "%.4f", figures[f]))
            .append("</td>");
      }
      html.append("<td class=\"num\">").append(orDash("%.3f", row.coverage())).append("</td>")
          .append("<td class=\"num\">").append(orDash("%.2f", row.setSize())).append("</td>")
          .append("</tr>\n");
    }
    html.append("</tbody>\n</table>");
    if (Double.isNaN(first.coverage())) {
      html.append("\n<p class=\"note\">The model kept no calibration rows, so it has no")
          .append(" prediction sets.</p>");
    }
    return html.toString();
  }

  private static String orDash(String format, double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
  }

  @Override
  public List<Plot> plots() {
    return List.of();
  }
}
