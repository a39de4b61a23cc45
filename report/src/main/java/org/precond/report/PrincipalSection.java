package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training rows in the embedding and in the raw inputs, each on its first two principal
 * components with the target as height, rotatable in 3-D, with the linearity figures.
 */
final class PrincipalSection implements Section {

  private final List<PrincipalView> views;
  private final List<String> targetNames;
  private final List<Plot> plots;

  PrincipalSection(List<PrincipalView> views, List<String> targetNames) {
    this.views = List.copyOf(views);
    this.targetNames = List.copyOf(targetNames);
    List<Plot> drawn = new ArrayList<>();
    for (PrincipalView view : views) {
      drawn.add(view.second() == null ? line(view) : cloud(view));
    }
    this.plots = List.copyOf(drawn);
  }

  /** The id of a view's plot: {@code embedding-principal}, {@code raw-principal}, … */
  static String plotId(PrincipalView view) {
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
        .append(" the space and lifted by its target; the grey plane is the target's least-squares")
        .append(" fit on the two components. The network's output is a linear function of its")
        .append(" last hidden layer, so in the embedding the points should lie close to a plane;")
        .append(" in the raw inputs they follow the target's curvature. Drag to rotate.")
        .append("</p>\n<div class=\"grid2\">\n");
    for (int v = 0; v < views.size(); v++) {
      PrincipalView view = views.get(v);
      html.append("<div>\n").append(plots.get(v).placeholder()).append('\n');
      html.append("<p class=\"note\">R² of a least-squares linear fit, on all training rows:");
      for (int t = 0; t < targetNames.size(); t++) {
        html.append(
            String.format(
                Locale.ROOT,
                "<br>%s: %.4f on all %d coordinates, %.4f on the first %s",
                Html.escape(targetNames.get(t)),
                view.linearity().embeddingR2(t),
                view.dimension(),
                view.linearity().principalPlaneR2(t),
                view.linearity().planeComponents() == 1
                    ? "principal component"
                    : "two principal components"));
      }
      html.append("</p>\n</div>\n");
    }
    return html.append("</div>").toString();
  }

  @Override
  public List<Plot> plots() {
    return plots;
  }

  private static String name(PrincipalView view) {
    return switch (view.space()) {
      case RAW -> "Raw inputs";
      case EMBEDDING -> "Embedding";
      case WEIGHTED -> "Weighted embedding";
    };
  }

  private static String componentTitle(PrincipalView view, int component) {
    return String.format(
        Locale.ROOT, "PC %d (%.0f%%)", component + 1, 100 * view.varianceRatio(component));
  }

  private static ObjectNode markers(PrincipalView view, double size) {
    ObjectNode marker = Plot.JSON.objectNode();
    marker.put("size", size).put("colorscale", "Viridis").put("opacity", 0.85);
    marker.set("color", Plot.numbers(view.target()));
    marker.putObject("colorbar").put("thickness", 12)
        .putObject("title").put("text", view.targetName());
    return marker;
  }

  private static Plot cloud(PrincipalView view) {
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode points = data.addObject();
    points.put("type", "scatter3d").put("mode", "markers").put("name", "training rows");
    points.set("x", Plot.numbers(view.first()));
    points.set("y", Plot.numbers(view.second()));
    points.set("z", Plot.numbers(view.target()));
    // Small clouds get bigger points, or a few dozen rows would be hard to see.
    points.set("marker", markers(view, view.first().length > 1_000 ? 2 : 4));
    data.add(plane(view));
    ObjectNode layout = Plot.layout(520);
    layout.putObject("margin").put("l", 0).put("r", 0).put("t", 10).put("b", 0);
    ObjectNode scene = layout.putObject("scene");
    // A cube, whatever the axes' units, so the target's shape over the plane is not flattened.
    scene.put("aspectmode", "cube");
    scene.set("xaxis", Plot.axis(componentTitle(view, 0)));
    scene.set("yaxis", Plot.axis(componentTitle(view, 1)));
    scene.set("zaxis", Plot.axis(view.targetName()));
    scene.putObject("camera").putObject("eye").put("x", 1.5).put("y", -1.5).put("z", 0.9);
    String caption =
        String.format(
            Locale.ROOT, "%s (%d-d): %s over the first two principal components",
            name(view), view.dimension(), view.targetName());
    return new Plot(plotId(view), caption, data, layout);
  }

  /**
   * The least-squares plane of the target over the two components, translucent, across the
   * points' range: where the target is linear in the space, the points lie on it.
   */
  private static ObjectNode plane(PrincipalView view) {
    float[] x = range(view.first());
    float[] y = range(view.second());
    ArrayNode z = Plot.JSON.arrayNode();
    for (float b : y) {
      ArrayNode row = z.addArray();
      for (float a : x) {
        row.add(view.plane(0) + view.plane(1) * a + view.plane(2) * b);
      }
    }
    ObjectNode surface = Plot.JSON.objectNode();
    surface.put("type", "surface").put("name", "least-squares plane").put("opacity", 0.3);
    surface.put("showscale", false).put("hoverinfo", "skip");
    surface.set("x", Plot.numbers(x));
    surface.set("y", Plot.numbers(y));
    surface.set("z", z);
    ArrayNode grey = surface.putArray("colorscale");
    grey.addArray().add(0).add("#888888");
    grey.addArray().add(1).add("#888888");
    return surface;
  }

  private static float[] range(float[] values) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new float[] {lo, hi};
  }

  /** A one-coordinate space has no plane: the target against its only component. */
  private static Plot line(PrincipalView view) {
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode points = data.addObject();
    points.put("type", "scatter").put("mode", "markers").put("name", "training rows");
    points.set("x", Plot.numbers(view.first()));
    points.set("y", Plot.numbers(view.target()));
    points.set("marker", markers(view, 4));
    ObjectNode layout = Plot.layout(520);
    layout.set("xaxis", Plot.axis(componentTitle(view, 0)));
    layout.set("yaxis", Plot.axis(view.targetName()));
    String caption = name(view) + " (1-d): " + view.targetName() + " over its coordinate";
    return new Plot(plotId(view), caption, data, layout);
  }
}
