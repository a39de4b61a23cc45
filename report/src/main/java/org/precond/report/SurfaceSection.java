package org.precond.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heat maps of a two-input model over its inputs: the true function when known, the network and
 * the interpolant in raw and in embedding space on one colour scale, then their errors on one
 * scale centred on zero — over the grid when the truth is known, at the test rows otherwise.
 */
final class SurfaceSection implements Section {

  private static final JsonNode VALUE_SCALE = TextNode.valueOf("Viridis");
  private static final JsonNode ERROR_SCALE = diverging();

  private final SurfaceGrid grid;
  private final List<Plot> maps = new ArrayList<>();
  private final List<Plot> errors = new ArrayList<>();

  SurfaceSection(SurfaceGrid grid) {
    this.grid = grid;
    float[] range = range(grid);
    if (grid.truth() != null) {
      maps.add(
          heatMap("truth-map", "true function", grid.truth(), range, VALUE_SCALE, false));
    }
    float limit = errorLimit(grid);
    float[] errorRange = {-limit, limit};
    List<SurfaceGrid.Surface> predictions = grid.predictions();
    for (int i = 0; i < predictions.size(); i++) {
      SurfaceGrid.Surface s = predictions.get(i);
      maps.add(heatMap("map-" + i, s.title(), s.values(), range, VALUE_SCALE, true));
      errors.add(
          grid.truth() != null
              ? heatMap("error-map-" + i, errorTitle(s.title(), s.gridError()), s.gridError(),
                  errorRange, ERROR_SCALE, false)
              : testErrors("error-map-" + i, s, limit));
    }
  }

  @Override
  public String id() {
    return "maps";
  }

  @Override
  public String title() {
    return "Maps over the inputs";
  }

  @Override
  public String body() {
    StringBuilder html = new StringBuilder();
    html.append("<p>Predictions on a ")
        .append(grid.side()).append(" × ").append(grid.side())
        .append(" grid over the range of the inputs, on one colour scale: the network, and the")
        .append(" model's interpolant with distances measured in the raw inputs and in the")
        .append(" embedding.");
    if (grid.trainingInputs(0).length > 0) {
      html.append(" White dots are the training rows.");
    }
    html.append("</p>\n<div class=\"maps\">\n");
    for (Plot p : maps) {
      html.append(p.placeholder()).append('\n');
    }
    html.append("</div>\n<h3>Errors</h3>\n<p class=\"note\">")
        .append(
            grid.truth() != null
                ? "Prediction minus the true function on the grid"
                : "Prediction minus target at the test rows (the true function is not known)")
        .append(", on one colour scale centred on zero.</p>\n<div class=\"maps\">\n");
    for (Plot p : errors) {
      html.append(p.placeholder()).append('\n');
    }
    return html.append("</div>").toString();
  }

  @Override
  public List<Plot> plots() {
    List<Plot> all = new ArrayList<>(maps);
    all.addAll(errors);
    return all;
  }

  /**
   * Blue below zero, red above, white at zero, so the sign of an error shows and small errors
   * fade (Plotly's own RdBu is grey in the middle); the PNG figures use the same colours.
   */
  private static ArrayNode diverging() {
    String[] colours = {"#2166ac", "#92c5de", "#ffffff", "#f4a582", "#b2182b"};
    ArrayNode scale = Plot.JSON.arrayNode();
    for (int i = 0; i < colours.length; i++) {
      scale.addArray().add(i / (colours.length - 1.0)).add(colours[i]);
    }
    return scale;
  }

  private static String errorTitle(String title, float[] error) {
    double squares = 0;
    double max = 0;
    for (float e : error) {
      squares += (double) e * e;
      max = Math.max(max, Math.abs(e));
    }
    return String.format(
        Locale.ROOT, "%s: RMSE %.3g, max %.3g", title, Math.sqrt(squares / error.length), max);
  }

  /** The smallest and largest value of the truth and every prediction, for one shared scale. */
  private static float[] range(SurfaceGrid grid) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    List<float[]> all = new ArrayList<>();
    grid.predictions().forEach(s -> all.add(s.values()));
    if (grid.truth() != null) {
      all.add(grid.truth());
    }
    for (float[] values : all) {
      for (float v : values) {
        if (Float.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new float[] {lo, hi};
  }

  /** The largest absolute error of any prediction, the shared scale's half-width. */
  private static float errorLimit(SurfaceGrid grid) {
    float limit = 0;
    for (SurfaceGrid.Surface s : grid.predictions()) {
      for (float e : grid.truth() != null ? s.gridError() : s.testError()) {
        if (Float.isFinite(e)) {
          limit = Math.max(limit, Math.abs(e));
        }
      }
    }
    return limit > 0 ? limit : 1;
  }

  private ObjectNode layout() {
    ObjectNode layout = Plot.layout(340);
    layout.set("xaxis", Plot.axis(grid.inputNames().get(0)));
    layout.set("yaxis", Plot.axis(grid.inputNames().get(1)));
    layout.putObject("margin").put("l", 50).put("r", 10).put("t", 10).put("b", 45);
    return layout;
  }

  private Plot heatMap(
      String id, String title, float[] values, float[] range, JsonNode scale, boolean marked) {
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode map = data.addObject();
    map.put("type", "heatmap").put("name", title);
    map.set("x", Plot.numbers(grid.axis(0)));
    map.set("y", Plot.numbers(grid.axis(1)));
    map.set("z", Plot.rows(values, grid.side()));
    map.put("zmin", range[0]).put("zmax", range[1]);
    map.set("colorscale", scale);
    map.putObject("colorbar").put("thickness", 10)
        .putObject("title").put("text", scale == ERROR_SCALE ? "error" : grid.targetName());
    if (marked && grid.trainingInputs(0).length > 0) {
      ObjectNode rows = data.addObject();
      rows.put("type", "scatter").put("mode", "markers").put("name", "training rows");
      rows.put("hoverinfo", "skip").put("showlegend", false);
      rows.set("x", Plot.numbers(grid.trainingInputs(0)));
      rows.set("y", Plot.numbers(grid.trainingInputs(1)));
      rows.putObject("marker").put("size", 4).put("color", "white")
          .putObject("line").put("width", 0.5).put("color", "#333");
    }
    return new Plot(id, title, data, layout());
  }

  private Plot testErrors(String id, SurfaceGrid.Surface s, float limit) {
    ArrayNode data = Plot.JSON.arrayNode();
    ObjectNode points = data.addObject();
    points.put("type", "scatter").put("mode", "markers").put("name", "test rows");
    points.set("x", Plot.numbers(grid.testInputs(0)));
    points.set("y", Plot.numbers(grid.testInputs(1)));
    ObjectNode marker = points.putObject("marker");
    marker.put("size", 5).put("cmin", -limit).put("cmax", limit);
    marker.set("colorscale", ERROR_SCALE);
    marker.set("color", Plot.numbers(s.testError()));
    marker.putObject("colorbar").put("thickness", 10).putObject("title").put("text", "error");
    return new Plot(id, errorTitle(s.title(), s.testError()), data, layout());
  }
}
