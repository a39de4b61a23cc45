package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The training loss over the steps, on a log scale, with the step whose parameters were kept. */
final class TrainingSection implements Section {

  private final String description;
  private final String loss;
  private final Plot plot;

  /**
   * @param description how the network was made and how training ended, plain text
   * @param loss what the loss measures, plain text
   */
  TrainingSection(LossCurve curve, String description, String loss) {
    this.description = description;
    this.loss = loss;
    this.plot = lossPlot(curve);
  }

  @Override
  public String id() {
    return "training";
  }

  @Override
  public String title() {
    return "Training";
  }

  @Override
  public String body() {
    return "<p>" + Html.escape(description) + "</p>\n"
        + "<p class=\"note\">" + Html.escape(loss) + " at each step (of that step's"
        + " batch), validation checks where there were any, and the step whose parameters the"
        + " model kept.</p>\n"
        + plot.placeholder();
  }

  @Override
  public List<Plot> plots() {
    return List.of(plot);
  }

  private static Plot lossPlot(LossCurve curve) {
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode loss = data.addObject();
    loss.put("type", "scatter").put("mode", "lines").put("name", "training loss");
    loss.set("x", Plot.numbers(curve.steps()));
    loss.set("y", Plot.numbers(curve.loss()));
    loss.putObject("line").put("width", 1.5).put("color", "#1f77b4");
    if (curve.validationSteps().length > 0) {
      ObjectNode validation = data.addObject();
      validation.put("type", "scatter").put("mode", "lines+markers").put("name", "validation loss");
      validation.set("x", Plot.numbers(curve.validationSteps()));
      validation.set("y", Plot.numbers(curve.validationLoss()));
      validation.putObject("marker").put("size", 4).put("color", "#ff7f0e");
    }
    ObjectNode layout = Plot.layout(380);
    layout.set("xaxis", Plot.axis("step"));
    ObjectNode y = Plot.axis("loss (log scale)");
    y.put("type", "log");
    layout.set("yaxis", y);
    layout.putObject("legend").put("x", 1).put("xanchor", "right").put("y", 1);
    if (curve.keptStep() >= 0) {
      ObjectNode line = layout.putArray("shapes").addObject();
      line.put("type", "line").put("xref", "x").put("yref", "paper");
      line.put("x0", curve.keptStep()).put("x1", curve.keptStep()).put("y0", 0).put("y1", 1);
      line.putObject("line").put("dash", "dot").put("color", "#888").put("width", 1);
      ObjectNode note = layout.putArray("annotations").addObject();
      note.put("x", curve.keptStep()).put("xref", "x").put("y", 1).put("yref", "paper");
      note.put("text", "kept").put("showarrow", false).put("xanchor", "right");
    }
    return new Plot("training-loss", "Training loss", data, layout);
  }
}
