package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page carries Plotly.js compressed: what it carries must unpack to the bundle itself. */
class PlotlyLibraryTest {

  @TempDir Path dir;

  private static String bundle() throws IOException {
    try (InputStream in = PlotlyLibrary.class.getResourceAsStream("plotly/plotly.min.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String gunzip(String base64) throws IOException {
    byte[] gzipped = Base64.getDecoder().decode(base64);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void thePageCarriesTheBundleCompressedAndUnpacksItBeforeDrawing() throws IOException {
    Path file = dir.resolve("empty.html");
    new HtmlReport("t", "", List.of()).write(file);
    String html = Files.readString(file);
    PlotlyLibrary plotly = PlotlyLibrary.get();
    Matcher m =
        Pattern.compile("\\('" + Pattern.quote(plotly.version()) + "',\\n'([A-Za-z0-9+/=]+)'\\);")
            .matcher(html);
    assertTrue(m.find(), "the loader is called with the version and the data");
    String script = gunzip(m.group(1));
    // The same code, but for the one URL's "h" written as a Unicode escape.
    assertEquals(bundle().replace("src=\"https:", "src=\"\\u0068ttps:"), script);
    assertFalse(Pattern.compile("src\\s*=\\s*[\"'`]https?:").matcher(script).find());
    assertTrue(script.contains("src=\"\\u0068ttps:"), "the escape is still there to keep");
    // About a third of the bundle, which the page would otherwise carry as is.
    assertTrue(m.group(1).length() < bundle().length() / 2, m.group(1).length() + " characters");
    assertTrue(html.indexOf("window.plotlyReady") < html.indexOf(m.group(1)), "the loader first");
    assertTrue(html.indexOf("plotlyReady.then(draw") > html.indexOf("</head>"), "drawing waits");
  }

  @Test
  void theNoticesStayReadable() {
    PlotlyLibrary plotly = PlotlyLibrary.get();
    String notices = plotly.notices();
    assertTrue(notices.startsWith("/**\n* plotly.js v" + plotly.version()), notices);
    assertTrue(notices.contains("Bundled license information"), notices);
    assertTrue(notices.contains("MapLibre GL JS"), notices);
    assertTrue(plotly.licence().contains("Permission is hereby granted"));
    assertFalse(notices.toLowerCase().contains("</script"));
    assertTrue(notices.length() < 10_000, "comments, not code: " + notices.length());
  }
}
