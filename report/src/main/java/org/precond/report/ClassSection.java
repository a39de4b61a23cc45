package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A classifier's training rows in the embedding and in the raw inputs, each on its first two
 * principal components, coloured by their true class.
 */
final class ClassSection implements Section {

  private final List<Plot> plots;

  ClassSection(List<ClassView> views) {
    List<Plot> drawn = new ArrayList<>();
    for (ClassView view : views) {
      drawn.add(scatter(view));
    }
    this.plots = List.copyOf(drawn);
  }

  /** The id of a view's plot, as for a regressor's: {@code embedding-principal}, … */
  static String plotId(ClassView view) {
    return view.space().label() + "-principal";
  }

  @Override
  public String id() {
    return "principal";
  }

  @Override
  public String title() {
    return "Embedding vs raw inputs";
  }

  @Override
  public String body() {
    StringBuilder html = new StringBuilder();
    html.append("<p>Each point is a training row, placed by its first two principal components in")
        .append(" the space and coloured by its class. The network's class scores are a linear")
        .append(" function of its last hidden layer, so in the embedding the classes should form")
        .append(" clusters a straight cut can separate, which is also where a vote of the nearest")
        .append(" rows works; in the raw inputs they may overlap. Click a class in the legend to")
        .append(" hide it.</p>\n<div class=\"grid2\">\n");
    for (Plot plot : plots) {
      html.append("<div>\n").append(plot.placeholder()).append("\n</div>\n");
    }
    return html.append("</div>").toString();
  }

  @Override
  public List<Plot> plots() {
    return plots;
  }

  private static String name(ClassView view) {
    return switch (view.space()) {
      case RAW -> "Raw inputs";
      case EMBEDDING -> "Embedding";
      case WEIGHTED -> "Weighted embedding";
    };
  }

  /**
   * One trace per class, so that the legend names the classes and toggles them. A one-coordinate
   * space has no second component: its points are spread by class instead.
   */
  private static Plot scatter(ClassView view) {
    int n = view.first().length;
    int[] perClass = new int[view.labels().size()];
    for (int c : view.classes()) {
      perClass[c]++;
    }
    ArrayNode data = Plot.JSON.arrayNode();
    // Small clouds get bigger points, or a few dozen rows would be hard to see.
    int size = n > 1_000 ? 4 : 7;
    for (int c = 0; c < perClass.length; c++) {
      if (perClass[c] == 0) {
        continue;
      }
      float[] x = new float[perClass[c]];
      ArrayNode y = Plot.JSON.arrayNode(perClass[c]);
      int at = 0;
      for (int r = 0; r < n; r++) {
        if (view.classes()[r] == c) {
          x[at++] = view.first()[r];
          if (view.second() == null) {
            y.add(view.labels().get(c));
          } else {
            y.add(view.second()[r]);
          }
        }
      }
      ObjectNode trace = data.addObject();
      trace.put("type", "scatter").put("mode", "markers");
      trace.put("name", view.labels().get(c));
      trace.set("x", Plot.numbers(x));
      trace.set("y", y);
      trace.putObject("marker").put("size", size).put("opacity", 0.8)
          .put("color", ClassPalette.colour(c));
    }
    ObjectNode layout = Plot.layout(520);
    layout.set("xaxis", Plot.axis(view.componentTitle(0)));
    layout.set("yaxis", Plot.axis(view.second() == null ? "class" : view.componentTitle(1)));
    layout.putObject("legend").putObject("title").put("text", "class");
    String caption =
        view.second() == null
            ? name(view) + " (1-d): training rows by class over its coordinate"
            : String.format(
                Locale.ROOT,
                "%s (%d-d): training rows by class on the first two principal components",
                name(view), view.dimension());
    return new Plot(plotId(view), caption, data, layout);
  }
}
