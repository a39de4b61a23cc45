package org.precond.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.precond.io.AtomicFile;

/**
 * Sections written as one self-contained HTML page: Plotly.js, styles, the plots' data and the
 * script that draws them are all inline, so the file works offline and can be mailed around.
 *
 * <p>Plotly.js is in the page gzip-compressed, in base64: a script in the head unpacks it with the
 * browser's {@code DecompressionStream} and runs it, and {@code window.plotlyReady} is a promise
 * of it that the drawing script at the end of the page awaits. A browser without {@code
 * DecompressionStream} shows why the plots are missing, at the top of the page and in each plot's
 * place.
 *
 * <p>The drawing script marks each plot's element with {@code data-drawn="true"} once Plotly has
 * drawn marks into it ({@code "false"} if it drew none or Plotly could not be loaded), and the body
 * with {@code data-plots-settled} once every plot has finished, so that a browser test can read the
 * outcome from the DOM.
 */
public final class HtmlReport {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final String title;
  private final String intro;
  private final List<Section> sections;

  /**
   * @param title the page's title and top heading, plain text
   * @param intro HTML under the top heading
   * @param sections the sections, in page order
   * @throws IllegalArgumentException if two sections or plots share an id, or an id is malformed
   */
  public HtmlReport(String title, String intro, List<Section> sections) {
    Set<String> ids = new HashSet<>();
    for (Section s : sections) {
      requireNewId(s.id(), ids);
      for (Plot p : s.plots()) {
        requireNewId(p.id(), ids);
      }
    }
    this.title = title;
    this.intro = intro;
    this.sections = List.copyOf(sections);
  }

  private static void requireNewId(String id, Set<String> ids) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid section or plot id: '" + id + "'");
    }
    if (!ids.add(id)) {
      throw new IllegalArgumentException("two parts of the report share the id '" + id + "'");
    }
  }

  /** Writes the page atomically: a failure leaves the previous file, never half a page. */
  public void write(Path file) throws IOException {
    AtomicFile.write(
        file,
        channel -> {
          Writer out =
              new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
          writeTo(out);
          out.flush();
        });
  }

  private void writeTo(Writer out) throws IOException {
    PlotlyLibrary plotly = PlotlyLibrary.get();
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.write("<title>" + Html.escape(title) + "</title>\n");
    out.write("<style>\n" + resource("report.css") + "</style>\n");
    out.write("<script>\n/* Plotly.js " + plotly.version() + ", inlined so that this page needs "
        + "no network. It is gzip-compressed,\n   in base64 at the end of this script, which "
        + "unpacks it in the browser and runs it before\n   the plots are drawn.\n\n"
        + plotly.licence().replace("*/", "* /") + "\n*/\n");
    out.write(plotly.notices());
    out.write(resource("plotly-loader.js"));
    out.write("('" + plotly.version() + "',\n'");
    out.write(plotly.gzipBase64());
    out.write("');\n</script>\n</head>\n<body>\n<header>\n<h1>" + Html.escape(title) + "</h1>\n");
    out.write(intro);
    out.write("\n<nav>");
    for (Section s : sections) {
      out.write("<a href=\"#" + s.id() + "\">" + Html.escape(s.title()) + "</a>");
    }
    out.write("</nav>\n</header>\n<main>\n");
    ArrayNode plots = Plot.JSON.arrayNode();
    for (Section s : sections) {
      out.write("<section id=\"" + s.id() + "\">\n<h2>" + Html.escape(s.title()) + "</h2>\n");
      out.write(s.body());
      out.write("\n</section>\n");
      for (Plot p : s.plots()) {
        ObjectNode spec = plots.addObject();
        spec.put("id", p.id());
        spec.set("data", p.data());
        spec.set("layout", p.layout());
      }
    }
    out.write("</main>\n<script type=\"application/json\" id=\"precond-plots\">");
    // '<' only ever appears inside JSON strings, where \u003c means the same and cannot end the
    // element.
    out.write(JsonMapper.builder().build().writeValueAsString(plots).replace("<", "\\u003c"));
    out.write("</script>\n<script>\n" + resource("report.js") + "</script>\n</body>\n</html>\n");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
