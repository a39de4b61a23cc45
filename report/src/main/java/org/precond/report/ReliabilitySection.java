package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.precond.metrics.Reliability;

/**
 * A classifier's reliability diagram on the test rows: in equal-width bins of the top class
 * probability, how often the top class was right against how confident it was, with the rows in
 * each bin and the expected calibration error.
 */
final class ReliabilitySection implements Section {

  private final Reliability reliability;
  private final String estimator;
  private final Plot plot;

  /** @param estimator the estimator whose probabilities were binned, as described to the user */
  ReliabilitySection(Reliability reliability, String estimator) {
    this.reliability = reliability;
    this.estimator = estimator;
    this.plot = diagram(reliability);
  }

  @Override
  public String id() {
    return "reliability";
  }

  @Override
  public String title() {
    return "Reliability of the probabilities";
  }

  @Override
  public String body() {
    return String.format(Locale.ROOT,
        "<p>The test rows in %d equal-width bins of the probability %s gave its most probable"
            + " class. A calibrated classifier is right as often as it is confident, so its points"
            + " lie on the dotted diagonal: below it the classifier is over-confident, above it"
            + " under-confident. The bars count the rows in each bin (right axis). Expected"
            + " calibration error, the rows' mean gap between confidence and accuracy: <strong>"
            + "%.4f</strong>.</p>\n",
        reliability.bins(), Html.escape(estimator), reliability.calibrationError())
        + plot.placeholder();
  }

  @Override
  public List<Plot> plots() {
    return List.of(plot);
  }

  private static Plot diagram(Reliability reliability) {
    int bins = reliability.bins();
    float[] centre = new float[bins];
    int[] count = new int[bins];
    float[] confidence = new float[bins];
    float[] accuracy = new float[bins];
    for (int b = 0; b < bins; b++) {
      centre[b] = (b + 0.5f) / bins;
      count[b] = reliability.count(b);
      // An empty bin has no point: NaN becomes null, which Plotly leaves out.
      confidence[b] = (float) reliability.confidence(b);
      accuracy[b] = (float) reliability.accuracy(b);
    }
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode bars = data.addObject();
    bars.put("type", "bar").put("name", "rows in the bin").put("yaxis", "y2")
        .put("width", 1.0 / bins).put("opacity", 0.25);
    bars.set("x", Plot.numbers(centre));
    bars.set("y", Plot.numbers(count));
    bars.putObject("marker").put("color", "#888888");
    ObjectNode ideal = data.addObject();
    ideal.put("type", "scatter").put("mode", "lines").put("name", "calibrated");
    ideal.set("x", Plot.JSON.arrayNode().add(0).add(1));
    ideal.set("y", Plot.JSON.arrayNode().add(0).add(1));
    ideal.putObject("line").put("dash", "dot").put("color", "#888");
    ObjectNode points = data.addObject();
    points.put("type", "scatter").put("mode", "lines+markers").put("name", "accuracy");
    // Gaps for empty bins, rather than lines across them.
    points.put("connectgaps", false);
    points.set("x", Plot.numbers(confidence));
    points.set("y", Plot.numbers(accuracy));
    points.set("customdata", Plot.numbers(count));
    points.put("hovertemplate",
        "confidence %{x:.3f}<br>accuracy %{y:.3f}<br>%{customdata} rows<extra></extra>");
    points.putObject("marker").put("size", 7).put("color", "#1f77b4");
    ObjectNode layout = Plot.layout(420);
    ObjectNode x = Plot.axis("mean top-class probability");
    x.putArray("range").add(0).add(1);
    ObjectNode y = Plot.axis("accuracy");
    y.putArray("range").add(0).add(1.02);
    ObjectNode y2 = Plot.axis("rows");
    y2.put("overlaying", "y").put("side", "right").put("showgrid", false).put("rangemode", "tozero");
    layout.set("xaxis", x);
    layout.set("yaxis", y);
    layout.set("yaxis2", y2);
    layout.putObject("legend").put("x", 0.02).put("y", 0.98);
    layout.putObject("margin").put("l", 60).put("r", 60).put("t", 30).put("b", 50);
    return new Plot("reliability-diagram", "Reliability diagram", data, layout);
  }
}
