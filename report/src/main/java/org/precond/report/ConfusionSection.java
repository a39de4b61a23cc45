package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.precond.metrics.ConfusionMatrix;

/**
 * A classifier's confusion matrix on the test rows: how many rows of each true class it predicted
 * as each class, as a heat map and as a table with the totals.
 */
final class ConfusionSection implements Section {

  private final ConfusionMatrix matrix;
  private final List<String> labels;
  private final String estimator;
  private final Plot plot;

  /**
   * @param matrix the counts, classes in the order of {@code labels}
   * @param estimator the estimator that predicted, as described to the user
   */
  ConfusionSection(ConfusionMatrix matrix, List<String> labels, String estimator) {
    this.matrix = matrix;
    this.labels = List.copyOf(labels);
    this.estimator = estimator;
    this.plot = heatMap(matrix, this.labels);
  }

  @Override
  public String id() {
    return "confusion";
  }

  @Override
  public String title() {
    return "Confusion matrix";
  }

  @Override
  public String body() {
    int classes = labels.size();
    int right = 0;
    for (int c = 0; c < classes; c++) {
      right += matrix.count(c, c);
    }
    StringBuilder html = new StringBuilder();
    html.append(String.format(Locale.ROOT,
        "<p>The %d test rows by true class (rows) and by the most probable class of %s (columns):"
            + " %d on the diagonal, predicted right (%.1f%%).</p>\n",
        matrix.rows(), Html.escape(estimator), right, 100.0 * right / matrix.rows()));
    html.append(plot.placeholder()).append('\n');
    // Many classes make a table wider than the page: it scrolls, not the page.
    html.append("<div class=\"wide\">\n<table class=\"metrics confusion\">\n")
        .append("<thead><tr><th>true \\ predicted</th>");
    for (String label : labels) {
      html.append("<th>").append(Html.escape(label)).append("</th>");
    }
    html.append("<th>total</th></tr></thead>\n<tbody>\n");
    for (int a = 0; a < classes; a++) {
      html.append("<tr><th>").append(Html.escape(labels.get(a))).append("</th>");
      for (int p = 0; p < classes; p++) {
        html.append(a == p ? "<td class=\"num diagonal\">" : "<td class=\"num\">")
            .append(matrix.count(a, p)).append("</td>");
      }
      html.append("<td class=\"num\">").append(matrix.actual(a)).append("</td></tr>\n");
    }
    html.append("<tr><th>total</th>");
    for (int p = 0; p < classes; p++) {
      html.append("<td class=\"num\">").append(matrix.predicted(p)).append("</td>");
    }
    html.append("<td class=\"num\">").append(matrix.rows()).append("</td></tr>\n");
    return html.append("</tbody>\n</table>\n</div>").toString();
  }

  @Override
  public List<Plot> plots() {
    return List.of(plot);
  }

  private static Plot heatMap(ConfusionMatrix matrix, List<String> labels) {
    int classes = labels.size();
    ArrayNode z = Plot.JSON.arrayNode(classes);
    for (int a = 0; a < classes; a++) {
      ArrayNode row = z.addArray();
      for (int p = 0; p < classes; p++) {
        row.add(matrix.count(a, p));
      }
    }
    ArrayNode names = Plot.JSON.arrayNode(classes);
    labels.forEach(names::add);
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode heat = data.addObject();
    // Plotly's Blues runs from dark to light; reversed, the most rows are the darkest.
    heat.put("type", "heatmap").put("colorscale", "Blues").put("reversescale", true);
    heat.put("texttemplate", "%{z}");
    heat.put("hovertemplate", "true %{y}<br>predicted %{x}<br>%{z} rows<extra></extra>");
    heat.set("x", names);
    heat.set("y", names.deepCopy());
    heat.set("z", z);
    heat.putObject("colorbar").put("thickness", 12).putObject("title").put("text", "rows");
    // Room for a cell per class, within reason.
    ObjectNode layout = Plot.layout(Math.min(900, Math.max(360, 120 + 28 * classes)));
    ObjectNode x = Plot.axis("predicted class");
    // Labels such as 1, 2, 3 are classes, not positions on a number line.
    x.put("type", "category");
    ObjectNode y = Plot.axis("true class");
    y.put("type", "category").put("autorange", "reversed");
    layout.set("xaxis", x);
    layout.set("yaxis", y);
    return new Plot(
        "confusion-matrix", "Test rows by true and predicted class", data, layout);
  }
}
