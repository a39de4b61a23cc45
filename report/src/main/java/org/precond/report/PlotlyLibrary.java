package org.precond.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Plotly.js, read from its WebJar on the class path, for inlining into a page so that the report
 * needs no network. Plotly.js is MIT-licensed; its licence text goes into the page with it.
 */
final class PlotlyLibrary {

  private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

  private static volatile PlotlyLibrary loaded;

  private final String version;
  private final String licence;
  private final String script;

  private PlotlyLibrary(String version, String licence, String script) {
    this.version = version;
    this.licence = licence;
    this.script = script;
  }

  /** The library, read once (it is about 11 MB). */
  static PlotlyLibrary get() {
    PlotlyLibrary library = loaded;
    if (library == null) {
      synchronized (PlotlyLibrary.class) {
        library = loaded;
        if (library == null) {
          library = load();
          loaded = library;
        }
      }
    }
    return library;
  }

  private static PlotlyLibrary load() {
    Properties p = new Properties();
    try (InputStream in = PlotlyLibrary.class.getResourceAsStream("plotly.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version");
    String base = "/META-INF/resources/webjars/plotly.js-dist/" + version + "/";
    // Inside a <script> element only "</script" ends it; the bundle has none today, and escaping
    // the slash keeps a future one from cutting the page short without changing what it means.
    String script = SCRIPT_END.matcher(resource(base + "plotly.js")).replaceAll("<\\\\/$1");
    return new PlotlyLibrary(version, resource(base + "LICENSE"), script);
  }

  private static String resource(String name) {
    try (InputStream in = PlotlyLibrary.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Plotly.js is missing from the class path: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String version() {
    return version;
  }

  /** The MIT licence text that must accompany copies of Plotly.js. */
  String licence() {
    return licence;
  }

  /** The library's source, safe to place inside a {@code <script>} element. */
  String script() {
    return script;
  }
}
