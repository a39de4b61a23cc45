package org.precond.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precond.Version;
import org.precond.data.Dataset;
import org.precond.evaluate.Evaluation;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.RowPass;
import org.precond.prep.Classes;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;

/**
 * Everything the report shows about a fitted model and a set of test rows, computed once: the
 * training loss, the embedding and the raw inputs on their principal components, maps over the
 * inputs for two-input models, and the metrics of every method in every space. For a classifier
 * the components are coloured by class, and a confusion matrix and a reliability diagram take the
 * place of the maps and intervals. It is written as a self-contained HTML page and as PNG figures.
 */
public final class Report {

  /** At most this many points per point cloud, to keep the page light. */
  public static final int MAX_POINTS = 5_000;

  /** Grid points per side of the maps. */
  public static final int GRID_SIDE = 100;

  private final PrecondModel model;
  private final int testRows;
  private final LossCurve lossCurve;
  private final List<PrincipalView> views;
  private final SurfaceGrid grid;
  private final MetricsTable metrics;
  private final CalibrationSection calibration;
  private final ClassifierReport classifier;

  private Report(
      PrecondModel model,
      int testRows,
      LossCurve lossCurve,
      List<PrincipalView> views,
      SurfaceGrid grid,
      MetricsTable metrics,
      CalibrationSection calibration,
      ClassifierReport classifier) {
    this.model = model;
    this.testRows = testRows;
    this.lossCurve = lossCurve;
    this.views = views;
    this.grid = grid;
    this.metrics = metrics;
    this.calibration = calibration;
    this.classifier = classifier;
  }

  /** A report on {@code model} scored on {@code test}, which must hold the model's targets. */
  public static Builder builder(PrecondModel model, Dataset test) {
    return new Builder(model, test);
  }

  /** Settings of a report; {@link #build} computes it. */
  public static final class Builder {

    private final PrecondModel model;
    private final Dataset test;
    private ReferenceFunction truth;
    private List<PredictorSpec> estimators = Evaluation.everyPredictor();
    private int target;

    private Builder(PrecondModel model, Dataset test) {
      this.model = model;
      this.test = test;
    }

    /**
     * The function the data was sampled from: maps then show it and the errors against it.
     *
     * @throws IllegalArgumentException for a classifier, whose report has no maps
     */
    public Builder truth(ReferenceFunction function) {
      if (function != null && model.preprocessing().isClassification()) {
        throw new IllegalArgumentException(
            "a reference function is for a regressor; this model is a classifier");
      }
      this.truth = function;
      return this;
    }

    /**
     * The estimators of a regressor's metrics table; every one by default. A classifier's table
     * has its own: the model as fitted, the network alone and k-NN in each space.
     */
    public Builder estimators(List<PredictorSpec> list) {
      if (list.isEmpty()) {
        throw new IllegalArgumentException("the metrics table needs at least one estimator");
      }
      this.estimators = List.copyOf(list);
      return this;
    }

    /**
     * The target the figures show, by name; the first by default. A classifier's figures show its
     * classes, so for a classifier only the name of its target column is accepted.
     */
    public Builder target(String name) {
      Classes classes = model.preprocessing().classes();
      if (classes != null) {
        if (!classes.target().equals(name)) {
          throw new IllegalArgumentException(
              "the model is a classifier of '" + classes.target() + "'; it has no target '" + name
                  + "'");
        }
        return this;
      }
      int index = model.targetNames().indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException(
            "the model has no target '" + name + "'; its targets are " + model.targetNames());
      }
      this.target = index;
      return this;
    }

    /**
     * Computes the report's content.
     *
     * @throws IllegalArgumentException if the test rows lack the targets, or a truth is given for
     *     a model whose inputs are not the function's
     */
    public Report build() {
      if (!test.targetNames().equals(model.targetNames())) {
        throw new IllegalArgumentException(
            "the report needs the target columns " + model.targetNames() + " in the test rows");
      }
      LossCurve loss = LossCurve.of(model.provenance().history(), MAX_POINTS);
      if (model.preprocessing().isClassification()) {
        return new Report(
            model, test.rows(), loss, List.of(), null, null, null,
            ClassifierReport.of(model, test, MAX_POINTS));
      }
      List<PrincipalView> views = new ArrayList<>();
      RowPass training = model.trainingPass();
      for (Space space : new Space[] {Space.EMBEDDING, Space.RAW}) {
        views.add(PrincipalView.of(model, training, space, target, MAX_POINTS));
      }
      SurfaceGrid grid =
          model.featureNames().size() == 2
              ? SurfaceGrid.of(model, test, truth, target, GRID_SIDE, MAX_POINTS)
              : null;
      if (truth != null && grid == null) {
        throw new IllegalArgumentException(
            "a reference function needs a model of its two inputs; this one has "
                + model.featureNames().size());
      }
      MetricsTable metrics =
          MetricsTable.of(Evaluation.run(model, test, estimators), model.targetNames());
      CalibrationSection calibration =
          model.isCalibrated() ? CalibrationSection.of(model, test, target) : null;
      return new Report(
          model, test.rows(), loss, views, grid, metrics, calibration, null);
    }
  }

  /** A regressor's metrics table, also for printing; null for a classifier. */
  public MetricsTable metrics() {
    return metrics;
  }

  /** The HTML report's sections, in page order. */
  public List<Section> sections() {
    List<Section> sections = new ArrayList<>();
    if (classifier != null) {
      sections.add(
          new TrainingSection(
              lossCurve, model.describe(), "Cross-entropy of the class probabilities"));
      sections.addAll(classifier.sections());
      return sections;
    }
    sections.add(
        new TrainingSection(lossCurve, model.describe(), "Mean squared error in standardised units"));
    sections.add(new PrincipalSection(views, model.targetNames()));
    if (grid != null) {
      sections.add(new SurfaceSection(grid));
    }
    sections.add(new MetricsSection(metrics, testRows));
    if (calibration != null) {
      sections.add(calibration);
    }
    return sections;
  }

  /** The page: title, introduction and sections. */
  public HtmlReport html() {
    Classes classes = model.preprocessing().classes();
    // A classifier is shown as the columns it reads and its one column of labels, not as the
    // network's encoded inputs and one-hot outputs.
    String features =
        String.join(", ", classes == null ? model.featureNames() : model.columnNames());
    String target =
        classes == null
            ? String.join(", ", model.targetNames())
            : classes.target() + " (" + classes.count() + " classes: "
                + String.join(", ", classes.labels()) + ")";
    String intro =
        String.format(
            Locale.ROOT,
            "<p>%s → %s; %d training rows, %d test rows. Made by precond %s.</p>",
            Html.escape(features),
            Html.escape(target),
            model.rows().training(),
            testRows,
            Html.escape(Version.current()));
    return new HtmlReport("precond report", intro, sections());
  }

  /** Writes the HTML report, atomically. */
  public void writeHtml(Path file) throws IOException {
    html().write(file);
  }

  /**
   * Writes the key figures as PNG images into an existing directory, each atomically.
   *
   * @return the files written
   */
  public List<Path> writeImages(Path dir) throws IOException {
    if (classifier != null) {
      return PngFigures.write(dir, lossCurve, classifier);
    }
    return PngFigures.write(dir, lossCurve, views, grid);
  }
}
