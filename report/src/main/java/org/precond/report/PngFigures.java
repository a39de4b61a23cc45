package org.precond.report;

import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.precond.io.AtomicFile;
import org.precond.metrics.ConfusionMatrix;
import org.precond.metrics.Reliability;
import org.precond.space.Space;

/**
 * The report's key figures as PNG images, drawn with XChart, for terminals, papers and slides:
 * the loss curve, the embedding and the raw inputs on their principal planes coloured by the
 * target, and for two-input models the maps and error maps; for a classifier, the planes coloured
 * by class, the confusion matrix and the reliability diagram.
 */
final class PngFigures {

  private static final Color[] VIRIDIS = {
    new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962),
    new Color(0xfde725)
  };
  private static final Color[] DIVERGING = {
    new Color(0x2166ac), new Color(0x92c5de), Color.WHITE, new Color(0xf4a582), new Color(0xb2182b)
  };
  private static final int COLOUR_BINS = 10;

  private PngFigures() {}

  /** Writes every figure that the report's content allows into {@code dir}, each atomically. */
  static List<Path> write(
      Path dir, LossCurve curve, List<PrincipalView> views, SurfaceGrid grid) throws IOException {
    List<Path> written = new ArrayList<>();
    written.add(save(dir.resolve("loss.png"), lossChart(curve)));
    for (PrincipalView view : views) {
      written.add(save(dir.resolve(view.space().label() + ".png"), principalChart(view)));
    }
    if (grid != null) {
      written.add(saveGrid(dir.resolve("maps.png"), mapCharts(grid)));
      written.add(saveGrid(dir.resolve("errors.png"), errorCharts(grid)));
    }
    return written;
  }

  /** Writes a classifier's figures into {@code dir}, each atomically. */
  static List<Path> write(Path dir, LossCurve curve, ClassifierReport classifier)
      throws IOException {
    List<Path> written = new ArrayList<>();
    written.add(save(dir.resolve("loss.png"), lossChart(curve)));
    for (ClassView view : classifier.views()) {
      written.add(save(dir.resolve(view.space().label() + ".png"), classChart(view)));
    }
    written.add(
        save(
            dir.resolve("confusion.png"),
            confusionChart(classifier.confusion(), classifier.labels())));
    written.add(save(dir.resolve("reliability.png"), reliabilityChart(classifier.reliability())));
    return written;
  }

  private static Path save(Path file, Chart<?, ?> chart) throws IOException {
    AtomicFile.write(
        file,
        channel ->
            BitmapEncoder.saveBitmap(chart, Channels.newOutputStream(channel), BitmapFormat.PNG));
    return file;
  }

  /** Charts side by side, or two by two when there are four. */
  private static Path saveGrid(Path file, List<? extends Chart<?, ?>> charts) throws IOException {
    int rows = charts.size() == 4 ? 2 : 1;
    int columns = (charts.size() + rows - 1) / rows;
    AtomicFile.write(
        file,
        channel ->
            BitmapEncoder.saveBitmap(
                charts, rows, columns, Channels.newOutputStream(channel), BitmapFormat.PNG));
    return file;
  }

  private static void plain(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    if (styler instanceof AxesChartStyler axes) {
      axes.setPlotBackgroundColor(Color.WHITE);
      axes.setPlotGridLinesColor(new Color(0xe5e5e5));
      axes.setPlotBorderColor(new Color(0xbbbbbb));
    }
  }

  private static XYChart lossChart(LossCurve curve) {
    XYChart chart =
        new XYChartBuilder().width(800).height(450).title("Training loss")
            .xAxisTitle("step").yAxisTitle("loss (log scale)").build();
    plain(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(4);
    // A round end keeps XChart's ticks on round numbers.
    int last = curve.steps().length == 0 ? 1 : curve.steps()[curve.steps().length - 1];
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(roundUp(last));
    // A log axis cannot show zero or less; such a loss would be a perfect fit, left out here.
    addPositive(chart, "training loss", curve.steps(), curve.loss(), SeriesMarkers.NONE);
    if (curve.validationSteps().length > 0) {
      addPositive(
          chart, "validation loss", curve.validationSteps(), curve.validationLoss(),
          SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value}. */
  static double roundUp(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * power >= value) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static void addPositive(
      XYChart chart, String name, int[] steps, float[] loss, Marker marker) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] > 0 && Float.isFinite(loss[i])) {
        x.add((double) steps[i]);
        y.add((double) loss[i]);
      }
    }
    if (!x.isEmpty()) {
      XYSeries series = chart.addSeries(name, x, y);
      series.setMarker(marker);
    }
  }

  private static XYChart principalChart(PrincipalView view) {
    String space = view.space() == Space.RAW ? "Raw inputs" : "Embedding";
    String title =
        String.format(
            Locale.ROOT, "%s (%d-d) coloured by %s: linear R² %.4f, %.4f on PC %s",
            space, view.dimension(), view.targetName(),
            view.linearity().embeddingR2(view.targetIndex()),
            view.linearity().principalPlaneR2(view.targetIndex()),
            view.second() == null ? "1" : "1-2");
    XYChart chart =
        new XYChartBuilder().width(760).height(620).title(title)
            .xAxisTitle(componentTitle(view, 0))
            .yAxisTitle(view.second() == null ? view.targetName() : componentTitle(view, 1))
            .build();
    plain(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(view.first().length > 2000 ? 3 : 6);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    float[] y = view.second() == null ? view.target() : view.second();
    colourBins(chart, view.first(), y, view.target(), VIRIDIS);
    return chart;
  }

  /** One series per class, in the page's colours, so that the legend names the classes. */
  private static XYChart classChart(ClassView view) {
    String space = view.space() == Space.RAW ? "Raw inputs" : "Embedding";
    XYChart chart =
        new XYChartBuilder().width(760).height(620)
            .title(String.format(Locale.ROOT, "%s (%d-d) by class", space, view.dimension()))
            .xAxisTitle(view.componentTitle(0))
            .yAxisTitle(view.second() == null ? "class" : view.componentTitle(1))
            .build();
    plain(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(view.first().length > 2000 ? 3 : 6);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int c = 0; c < view.labels().size(); c++) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int r = 0; r < view.classes().length; r++) {
        if (view.classes()[r] == c) {
          x.add((double) view.first()[r]);
          // A one-coordinate space spreads its classes over the other axis.
          y.add(view.second() == null ? c : (double) view.second()[r]);
        }
      }
      if (!x.isEmpty()) {
        XYSeries series = chart.addSeries(view.labels().get(c), x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(Color.decode(ClassPalette.colour(c)));
      }
    }
    return chart;
  }

  /** Counts in each cell, true classes down the side and predicted classes along the bottom. */
  private static HeatMapChart confusionChart(ConfusionMatrix matrix, List<String> labels) {
    int classes = labels.size();
    HeatMapChart chart =
        new HeatMapChartBuilder().width(Math.max(600, 160 + 36 * classes))
            .height(Math.max(480, 120 + 36 * classes)).title("Confusion matrix on the test rows")
            .xAxisTitle("predicted class").yAxisTitle("true class").build();
    plain(chart.getStyler());
    chart.getStyler().setShowValue(true).setMin(0);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x08519c)});
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setLegendVisible(false);
    List<Number[]> cells = new ArrayList<>(classes * classes);
    for (int a = 0; a < classes; a++) {
      for (int p = 0; p < classes; p++) {
        // XChart's y axis runs upwards: the first class at the top, as in the table.
        cells.add(new Number[] {p, classes - 1 - a, matrix.count(a, p)});
      }
    }
    chart.addSeries("rows", labels, labels.reversed(), cells);
    return chart;
  }

  /** Accuracy against confidence in the non-empty bins, with the diagonal and the ECE. */
  private static XYChart reliabilityChart(Reliability reliability) {
    XYChart chart =
        new XYChartBuilder().width(640).height(560)
            .title(String.format(
                Locale.ROOT, "Reliability: expected calibration error %.4f",
                reliability.calibrationError()))
            .xAxisTitle("mean top-class probability").yAxisTitle("accuracy").build();
    plain(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    XYSeries ideal = chart.addSeries("calibrated", new double[] {0, 1}, new double[] {0, 1});
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineColor(new Color(0x888888));
    List<Double> confidence = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    for (int b = 0; b < reliability.bins(); b++) {
      if (reliability.count(b) > 0) {
        confidence.add(reliability.confidence(b));
        accuracy.add(reliability.accuracy(b));
      }
    }
    XYSeries points = chart.addSeries("accuracy", confidence, accuracy);
    points.setMarker(SeriesMarkers.CIRCLE);
    points.setLineColor(new Color(0x1f77b4));
    points.setMarkerColor(new Color(0x1f77b4));
    return chart;
  }

  private static String componentTitle(PrincipalView view, int component) {
    return String.format(
        Locale.ROOT, "PC %d (%.0f%%)", component + 1, 100 * view.varianceRatio(component));
  }

  /**
   * Scatter points coloured by a value. XChart colours by series, so the value range is cut into
   * equal bins, one series each, the legend reading as a colour bar.
   */
  private static void colourBins(
      XYChart chart, float[] x, float[] y, float[] value, Color[] scale) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : value) {
      if (Float.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    colourBins(chart, x, y, value, lo, hi, scale);
  }

  private static void colourBins(
      XYChart chart, float[] x, float[] y, float[] value, float lo, float hi, Color[] scale) {
    double width = hi > lo ? (hi - lo) / (double) COLOUR_BINS : 1;
    List<List<Double>> xs = new ArrayList<>();
    List<List<Double>> ys = new ArrayList<>();
    for (int b = 0; b < COLOUR_BINS; b++) {
      xs.add(new ArrayList<>());
      ys.add(new ArrayList<>());
    }
    for (int i = 0; i < value.length; i++) {
      if (!Float.isFinite(value[i])) {
        continue;
      }
      int b = (int) Math.min(COLOUR_BINS - 1, Math.max(0, Math.floor((value[i] - lo) / width)));
      xs.get(b).add((double) x[i]);
      ys.get(b).add((double) y[i]);
    }
    // Highest values first, so the legend reads like a colour bar, high at the top.
    for (int b = COLOUR_BINS - 1; b >= 0; b--) {
      if (xs.get(b).isEmpty()) {
        continue;
      }
      String name =
          String.format(Locale.ROOT, "%.3g … %.3g", edge(lo, width, b), edge(lo, width, b + 1));
      XYSeries series = chart.addSeries(name, xs.get(b), ys.get(b));
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(colour(scale, (b + 0.5) / COLOUR_BINS));
    }
  }

  /** A bin's edge, exactly 0 where rounding would leave a speck such as 1.19e-07. */
  private static double edge(double lo, double width, int bin) {
    double edge = lo + bin * width;
    return Math.abs(edge) < width * 1e-6 ? 0 : edge;
  }

  private static Color colour(Color[] scale, double t) {
    double position = Math.max(0, Math.min(1, t)) * (scale.length - 1);
    int i = Math.min(scale.length - 2, (int) position);
    double f = position - i;
    Color a = scale[i];
    Color b = scale[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private static List<HeatMapChart> mapCharts(SurfaceGrid grid) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    List<String> titles = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    if (grid.truth() != null) {
      titles.add("true function");
      values.add(grid.truth());
    }
    for (SurfaceGrid.Surface s : grid.predictions()) {
      titles.add(s.title());
      values.add(s.values());
    }
    for (float[] v : values) {
      for (float f : v) {
        if (Float.isFinite(f)) {
          lo = Math.min(lo, f);
          hi = Math.max(hi, f);
        }
      }
    }
    List<HeatMapChart> charts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      charts.add(heatMap(grid, titles.get(i), values.get(i), lo, hi, VIRIDIS));
    }
    return charts;
  }

  private static List<Chart<?, ?>> errorCharts(SurfaceGrid grid) {
    float limit = 0;
    for (SurfaceGrid.Surface s : grid.predictions()) {
      for (float e : grid.truth() != null ? s.gridError() : s.testError()) {
        if (Float.isFinite(e)) {
          limit = Math.max(limit, Math.abs(e));
        }
      }
    }
    limit = limit > 0 ? limit : 1;
    List<Chart<?, ?>> charts = new ArrayList<>();
    for (SurfaceGrid.Surface s : grid.predictions()) {
      if (grid.truth() != null) {
        charts.add(heatMap(grid, "error: " + s.title(), s.gridError(), -limit, limit, DIVERGING));
      } else {
        XYChart chart =
            new XYChartBuilder().width(600).height(440).title("error at test rows: " + s.title())
                .xAxisTitle(grid.inputNames().get(0)).yAxisTitle(grid.inputNames().get(1))
                .build();
        plain(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendVisible(false);
        colourBins(
            chart, grid.testInputs(0), grid.testInputs(1), s.testError(), -limit, limit,
            DIVERGING);
        charts.add(chart);
      }
    }
    return charts;
  }

  private static HeatMapChart heatMap(
      SurfaceGrid grid, String title, float[] values, float lo, float hi, Color[] scale) {
    HeatMapChart chart =
        new HeatMapChartBuilder().width(600).height(440).title(title)
            .xAxisTitle(grid.inputNames().get(0)).yAxisTitle(grid.inputNames().get(1)).build();
    plain(chart.getStyler());
    // XChart prints the colour bar's ends in full; ends rounded outwards print short.
    chart.getStyler().setShowValue(false).setDrawBorder(false)
        .setMin(rounded(lo, RoundingMode.FLOOR)).setMax(rounded(hi, RoundingMode.CEILING));
    chart.getStyler().setRangeColors(scale);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setAxisTicksMarksVisible(false);
    chart.getStyler().setPlotContentSize(1.0);
    // Anti-aliased cell edges leave faint seams between the cells of a dense grid.
    chart.getStyler().setAntiAlias(false);
    int side = grid.side();
    List<Number[]> cells = new ArrayList<>(side * side);
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        cells.add(new Number[] {i, j, values[j * side + i]});
      }
    }
    chart.addSeries(title, labels(grid.axis(0)), labels(grid.axis(1)), cells);
    return chart;
  }

  private static double rounded(double value, RoundingMode direction) {
    return new BigDecimal(value).round(new MathContext(3, direction)).doubleValue();
  }

  /**
   * Labels for a heat map's cells. XChart labels every cell, which on a dense grid is a smear of
   * text: the first, middle and last cells keep their value, the rest get blank labels (distinct,
   * as categories must be).
   */
  private static List<String> labels(float[] axis) {
    int last = axis.length - 1;
    List<String> labels = new ArrayList<>(axis.length);
    for (int i = 0; i <= last; i++) {
      boolean shown = i == 0 || i == last / 2 || i == last;
      labels.add(shown ? String.format(Locale.ROOT, "%.3g", axis[i]) : " ".repeat(i + 1));
    }
    return labels;
  }
}
