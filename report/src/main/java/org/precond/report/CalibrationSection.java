package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precond.conformal.Difficulty;
import org.precond.data.Dataset;
import org.precond.model.NeighborRows;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;

/**
 * Calibration on the test rows: the empirical coverage of the model's conformal intervals (plain
 * and normalised) and of the Gaussian interval around the network, against the nominal level;
 * and a few test rows with their conformal predictive distributions and the training rows behind
 * their predictions.
 */
final class CalibrationSection implements Section {

  private static final double[] LEVELS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95};
  private static final int EXAMPLES = 3;
  private static final int NEIGHBORS_SHOWN = 5;
  private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#9467bd"};

  private final String estimator;
  private final int calibrationRows;
  private final Plot coverage;
  private final Plot distributions;
  private final String neighborTables;

  private CalibrationSection(
      String estimator, int calibrationRows, Plot coverage, Plot distributions, String tables) {
    this.estimator = estimator;
    this.calibrationRows = calibrationRows;
    this.coverage = coverage;
    this.distributions = distributions;
    this.neighborTables = tables;
  }

  /** The section for a calibrated model, figures for target {@code target}. */
  static CalibrationSection of(PrecondModel model, Dataset test, int target) {
    Predictions p = model.predict(test);
    int m = model.targetNames().size();
    int n = test.rows();
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode ideal = data.addObject();
    ideal.put("type", "scatter").put("mode", "lines").put("name", "nominal");
    ideal.set("x", Plot.JSON.arrayNode().add(0.5).add(0.95));
    ideal.set("y", Plot.JSON.arrayNode().add(0.5).add(0.95));
    ideal.putObject("line").put("dash", "dot").put("color", "#888");
    for (Difficulty d : Difficulty.values()) {
      float[] covered = new float[LEVELS.length];
      for (int l = 0; l < LEVELS.length; l++) {
        covered[l] = (float) share(test, p.interval(LEVELS[l], d), target, m, n);
      }
      addCurve(data, "conformal, " + d.label(), covered);
    }
    float[] gaussian = new float[LEVELS.length];
    for (int l = 0; l < LEVELS.length; l++) {
      gaussian[l] = (float) share(test, p.gaussianInterval(LEVELS[l]), target, m, n);
    }
    addCurve(data, "network ± Gaussian", gaussian);
    ObjectNode layout = Plot.layout(380);
    layout.set("xaxis", Plot.axis("nominal coverage"));
    layout.set("yaxis", Plot.axis("coverage on the test rows"));
    Plot coverage = new Plot("calibration-coverage", "Coverage of the intervals", data, layout);

    int[] examples = examples(n);
    ArrayNode curves = Plot.JSON.arrayNode();
    float[] probabilities = new float[49];
    float[][] quantiles = new float[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (i + 1) / 50f;
      quantiles[i] = p.quantile(probabilities[i], Difficulty.SPREAD);
    }
    StringBuilder tables = new StringBuilder();
    NeighborRows nb = p.neighbors();
    for (int k = 0; k < examples.length; k++) {
      int e = examples[k];
      String color = COLORS[k % COLORS.length];
      float[] x = new float[probabilities.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = quantiles[i][e * m + target];
      }
      ObjectNode curve = curves.addObject();
      curve.put("type", "scatter").put("mode", "lines").put("name", "test row " + (e + 1));
      curve.putObject("line").put("shape", "hv").put("color", color);
      curve.set("x", Plot.numbers(x));
      curve.set("y", Plot.numbers(probabilities));
      ObjectNode actual = curves.addObject();
      actual.put("type", "scatter").put("mode", "markers").put("showlegend", false);
      actual.put("name", "actual, row " + (e + 1));
      actual.set("x", Plot.numbers(new float[] {test.target(e, target)}));
      actual.set("y", Plot.numbers(new float[] {0.5f}));
      actual.putObject("marker").put("size", 10).put("symbol", "x").put("color", color);
      if (nb != null) {
        tables.append(neighborTable(model, test, p, nb, e, target, m));
      }
    }
    ObjectNode cdfLayout = Plot.layout(380);
    cdfLayout.set("xaxis", Plot.axis(model.targetNames().get(target)));
    cdfLayout.set("yaxis", Plot.axis("conformal predictive CDF"));
    Plot distributions =
        new Plot(
            "calibration-distributions",
            "Predictive distributions of a few test rows (× marks the actual value)",
            curves,
            cdfLayout);
    return new CalibrationSection(
        model.predictorSpec().describe(), model.calibration().rows(), coverage, distributions,
        tables.toString());
  }

  private static void addCurve(ArrayNode data, String name, float[] covered) {
    ObjectNode trace = data.addObject();
    trace.put("type", "scatter").put("mode", "lines+markers").put("name", name);
    float[] levels = new float[LEVELS.length];
    for (int l = 0; l < LEVELS.length; l++) {
      levels[l] = (float) LEVELS[l];
    }
    trace.set("x", Plot.numbers(levels));
    trace.set("y", Plot.numbers(covered));
  }

  private static double share(Dataset test, float[][] bounds, int target, int m, int n) {
    int inside = 0;
    for (int r = 0; r < n; r++) {
      float y = test.target(r, target);
      if (y >= bounds[0][r * m + target] && y <= bounds[1][r * m + target]) {
        inside++;
      }
    }
    return inside / (double) n;
  }

  /** A few test rows spread over the file: first, middle, last. */
  private static int[] examples(int n) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      int r = (int) ((long) i * (n - 1) / Math.max(1, EXAMPLES - 1));
      if (!rows.contains(r)) {
        rows.add(r);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String neighborTable(
      PrecondModel model, Dataset test, Predictions p, NeighborRows nb, int e, int target,
      int m) {
    float[][] interval = p.interval(0.9, Difficulty.SPREAD);
    StringBuilder html = new StringBuilder();
    html.append(
        String.format(
            Locale.ROOT,
            "<h3>Test row %d: predicted %.5g, 90%% interval [%.5g, %.5g], actual %.5g</h3>\n",
            e + 1, p.means()[e * m + target], interval[0][e * m + target],
            interval[1][e * m + target], test.target(e, target)));
    html.append("<table><tr><th>training row</th><th>distance</th><th>weight</th><th>")
        .append(Html.escape(model.targetNames().get(target))).append("</th></tr>\n");
    for (int r = 0; r < Math.min(NEIGHBORS_SHOWN, nb.count(e)); r++) {
      html.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%.4g</td><td>%.3f</td><td>%.5g</td></tr>\n",
              nb.trainingRow(e, r) + 1, nb.distance(e, r), nb.weight(e, r),
              nb.target(e, r, target)));
    }
    html.append("</table>\n");
    return html.toString();
  }

  @Override
  public String id() {
    return "calibration";
  }

  @Override
  public String title() {
    return "Intervals and predictive distributions";
  }

  @Override
  public String body() {
    return "<p>Split-conformal intervals of " + Html.escape(estimator) + ", calibrated on the "
        + calibrationRows + " rows the model held out from training: plain, or normalised by the"
        + " spread of the nearest training values or the distance to them. A well-calibrated"
        + " interval lies on the dotted line; the Gaussian interval around the network is what a"
        + " user would otherwise build.</p>\n"
        + coverage.placeholder() + "\n"
        + distributions.placeholder() + "\n"
        + "<p class=\"note\">Training rows are numbered as in the training file, 1 being the first"
        + " row after the header; the nearest five are shown.</p>\n"
        + neighborTables;
  }

  @Override
  public List<Plot> plots() {
    return List.of(coverage, distributions);
  }
}
