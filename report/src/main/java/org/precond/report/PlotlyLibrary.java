package org.precond.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Plotly.js, for inlining into a page so that the report needs no network. The build downloads the
 * minified bundle and its licence from the npm package {@code plotly.js-dist-min} and puts them on
 * the class path; nothing is fetched at run time.
 *
 * <p>The bundle goes into the page gzip-compressed and in base64 (a third of its 4.8 MB), and the
 * page unpacks it with the browser's {@code DecompressionStream}; it is compressed once per JVM.
 * Plotly.js is MIT-licensed: its licence text, its banner and the licence notices of the code
 * bundled into it go into the page uncompressed, as comments.
 */
final class PlotlyLibrary {

  private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

  /** {@code src="https:...}, which in a page reads like a remote resource wherever it sits. */
  private static final Pattern REMOTE_SRC = Pattern.compile("(src\\s*=\\s*[\"'`])h(ttps?:)");

  /**
   * The bundle's banner (name, version, copyright) and its legal comments, those that open with
   * {@code /*!}, each starting a line and ending one; esbuild gathers the latter, the notices of
   * the packages bundled into Plotly.js, at the end of the bundle.
   */
  private static final Pattern NOTICE =
      Pattern.compile(
          "^/\\*(?:\\*\\s*\\n\\* plotly\\.js v|!).*?\\*/$", Pattern.MULTILINE | Pattern.DOTALL);

  private static volatile PlotlyLibrary loaded;

  private final String version;
  private final String licence;
  private final String notices;
  private final String gzipBase64;

  private PlotlyLibrary(String version, String licence, String notices, String gzipBase64) {
    this.version = version;
    this.licence = licence;
    this.notices = notices;
    this.gzipBase64 = gzipBase64;
  }

  /** The library, read and compressed once (about a third of a second). */
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
    // The minified bundle assigns an image's src a URL in one place (icons that map traces, which
    // the report has none of, fetch on demand); the unminified one has the same code with spaces
    // around the "=". Spelling the URL's leading "h" as a JavaScript Unicode escape (backslash,
    // u0068) gives the same string in any kind of literal and keeps the page, and the script the
    // page unpacks into itself, free of text that reads like a remote src attribute.
    script = REMOTE_SRC.matcher(script).replaceAll("$1\\\\u0068$2");
    StringBuilder notices = new StringBuilder();
    Matcher m = NOTICE.matcher(script);
    while (m.find()) {
      notices.append(m.group()).append('\n');
    }
    if (!notices.toString().contains("plotly.js v" + version)) {
      throw new IllegalStateException("the Plotly.js bundle has lost its banner");
    }
    // The notices stay comments in the page's own script element: a "</script" in them must not
    // end it. Base64 has no "<".
    String safeNotices = SCRIPT_END.matcher(notices).replaceAll("<\\\\/$1");
    return new PlotlyLibrary(version, resource("plotly/LICENSE"), safeNotices, gzipBase64(script));
  }

  /** Gzip at the best compression (the header has no time stamp: the same bytes every time). */
  private static String gzipBase64(String script) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(script.length() / 3);
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(bytes, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gzip.write(script.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
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

  /**
   * The bundle's banner and the licence notices of the code bundled into it, as JavaScript
   * comments, safe to place inside a {@code <script>} element.
   */
  String notices() {
    return notices;
  }

  /** The bundle, gzip-compressed, in base64: only letters, digits, '+', '/' and '='. */
  String gzipBase64() {
    return gzipBase64;
  }
}
