package org.precond.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One interactive figure of the HTML report: Plotly traces and layout, drawn by the page's script
 * into the element of the same id, under a caption.
 *
 * @param id the element's id, unique within the page
 * @param caption what the figure shows, plain text; in the page rather than in the plot, where
 *     Plotly's tool bar would cover it
 * @param data the Plotly traces
 * @param layout the Plotly layout
 */
public record Plot(String id, String caption, ArrayNode data, ObjectNode layout) {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The caption and the element the plot is drawn into. */
  public String placeholder() {
    return "<figure><figcaption>" + Html.escape(caption) + "</figcaption><div class=\"plot\" id=\""
        + Html.escape(id) + "\"></div></figure>";
  }

  /** Numbers for Plotly; a non-finite value becomes null, which JSON can hold and Plotly skips. */
  static ArrayNode numbers(float[] values) {
    ArrayNode array = JSON.arrayNode(values.length);
    for (float v : values) {
      if (Float.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
    return array;
  }

  static ArrayNode numbers(int[] values) {
    ArrayNode array = JSON.arrayNode(values.length);
    for (int v : values) {
      array.add(v);
    }
    return array;
  }

  /** Row-major values as the nested rows a heat map's {@code z} takes. */
  static ArrayNode rows(float[] values, int columns) {
    ArrayNode rows = JSON.arrayNode(values.length / columns);
    for (int r = 0; r < values.length / columns; r++) {
      float[] row = new float[columns];
      System.arraycopy(values, r * columns, row, 0, columns);
      rows.add(numbers(row));
    }
    return rows;
  }

  /** A layout with the report's common look. */
  static ObjectNode layout(int height) {
    ObjectNode layout = JSON.objectNode();
    layout.put("height", height);
    layout.putObject("margin").put("l", 60).put("r", 20).put("t", 30).put("b", 50);
    layout.put("paper_bgcolor", "white");
    return layout;
  }

  /** An axis with a title. */
  static ObjectNode axis(String title) {
    ObjectNode axis = JSON.objectNode();
    axis.putObject("title").put("text", title);
    return axis;
  }
}
