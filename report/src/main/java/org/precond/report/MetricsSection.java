package org.precond.report;

import java.util.List;
import java.util.Locale;

/** The metrics table: every method in every space on the test rows, the best RMSE highlighted. */
final class MetricsSection implements Section {

  private final MetricsTable table;
  private final int testRows;

  MetricsSection(MetricsTable table, int testRows) {
    this.table = table;
    this.testRows = testRows;
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
    StringBuilder html = new StringBuilder();
    html.append("<p>Scored on ").append(testRows).append(" test rows. Each interpolant is fitted")
        .append(" on the model's training rows, with k chosen by leave-one-out; <em>residual</em>")
        .append(" rows interpolate the network's errors and add the network's output. The row with")
        .append(" the lowest RMSE is highlighted, the best value of each column underlined.</p>\n");
    List<MetricsTable.Row> rows = table.rows();
    for (int t = 0; t < table.targetNames().size(); t++) {
      if (table.targetNames().size() > 1) {
        html.append("<h3>").append(Html.escape(table.targetNames().get(t))).append("</h3>\n");
      }
      int[] bestInColumn = new int[MetricsTable.FIGURES.size()];
      for (int f = 0; f < bestInColumn.length; f++) {
        for (int r = 1; r < rows.size(); r++) {
          double v = rows.get(r).figures()[t][f];
          double w = rows.get(bestInColumn[f]).figures()[t][f];
          // R² is best when highest, the errors when lowest.
          if (f == 3 ? v > w : v < w) {
            bestInColumn[f] = r;
          }
        }
      }
      int best = table.best(t);
      html.append("<table class=\"metrics\">\n<thead><tr><th>method</th><th>space</th>")
          .append("<th>values</th><th>k</th><th>RMSE</th><th>MAE</th><th>max error</th>")
          .append("<th>R²</th></tr></thead>\n<tbody>\n");
      for (int r = 0; r < rows.size(); r++) {
        MetricsTable.Row row = rows.get(r);
        html.append(r == best ? "<tr class=\"best\">" : "<tr>");
        for (String cell : new String[] {row.method(), row.space(), row.values(), row.k()}) {
          html.append("<td>").append(Html.escape(cell)).append("</td>");
        }
        for (int f = 0; f < bestInColumn.length; f++) {
          html.append(
                  bestInColumn[f] == r ? "<td class=\"num column-best\">" : "<td class=\"num\">")
              .append(String.format(Locale.ROOT, f == 3 ? "%.4f" : "%.4g", row.figures()[t][f]))
              .append("</td>");
        }
        html.append("</tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    return html.toString();
  }

  @Override
  public List<Plot> plots() {
    return List.of();
  }
}
