package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.data.Column;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.evaluate.ClassifierEvaluation;
import org.precond.evaluate.Evaluation;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.report.Report;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.OptimizerType;
import org.precond.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond demo}: a reference experiment from data to report in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Runs a reference experiment end to end: generates the training and test data, trains the "
          + "network, scores the methods on the test rows, prints the table, and writes the HTML "
          + "report, PNG figures, the data and the model into the output directory.",
      "  e1: y = cos(sqrt(x1^2 + x2^2)) on [-4pi, 4pi]^2; 10,000 random training rows, a 32 x 8 "
          + "network, 1,000 full-batch Adam steps. To stay well under a minute it scores the "
          + "network and every interpolant on the targets in raw and in embedding space; "
          + "'precond evaluate' on the files it writes scores the weighted space and residuals "
          + "too.",
      "  e2: y = 3 x1 + cos(8 x1)/2 + sin(5 x2) on [0, 1]^2; 40 random training rows, an 8 x 4 "
          + "network, 1,000 steps of the lux optimiser; every method in every space is scored.",
      "  classes: e1's ripples cut into three classes (low: y < -1/3, high: y > 1/3, mid "
          + "between); 10,000 random training rows, a 128 x 4 network trained by cross-entropy, "
          + "2,000 Adam steps on mini-batches of 256 rows; the classifier is scored beside its "
          + "network and k-NN in each space, with 90%% prediction sets.",
      "Both are tested on " + DemoCommand.TEST_ROWS + " fresh random rows."
    })
final class DemoCommand implements Callable<Integer> {

  static final int TEST_ROWS = 2_000;

  /** A reference experiment of DESIGN.md, as the demo runs it. */
  enum Experiment {
    // E1 calibrates on its validation rows, as 'precond fit' does; E2's 40 rows leave too few
    // validation rows for that, so 10 more rows are held out to calibrate.
    E1(ReferenceFunction.E1, 10_000, 32, 8, OptimizerType.ADAM, false, 0),
    E2(ReferenceFunction.E2, 40, 8, 4, OptimizerType.LUX, true, 0.2),
    CLASSES(ReferenceFunction.E1, 10_000, 128, 4, OptimizerType.ADAM, false, 0);

    final ReferenceFunction function;
    final int trainingRows;
    final int width;
    final int depth;
    final OptimizerType optimizer;
    final boolean everyPredictor;
    final double calibration;

    Experiment(
        ReferenceFunction function,
        int trainingRows,
        int width,
        int depth,
        OptimizerType optimizer,
        boolean everyPredictor,
        double calibration) {
      this.function = function;
      this.trainingRows = trainingRows;
      this.width = width;
      this.depth = depth;
      this.optimizer = optimizer;
      this.everyPredictor = everyPredictor;
      this.calibration = calibration;
    }

    /** The share of the drawn rows the network does not train on. */
    double heldOut() {
      return calibration > 0 ? calibration : TrainingConfig.builder().build().validationFraction();
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the experiment predicts classes of the function's values. */
    boolean classes() {
      return this == CLASSES;
    }

    int steps() {
      return classes() ? CLASS_STEPS : STEPS;
    }

    /** Rows per step; 0 for the full batch. */
    int batch() {
      return classes() ? CLASS_BATCH : 0;
    }

    /** Every estimator, or the network and every interpolant on the targets in two spaces. */
    List<PredictorSpec> estimators() {
      List<PredictorSpec> all = Evaluation.everyPredictor();
      if (everyPredictor) {
        return all;
      }
      List<PredictorSpec> subset = new ArrayList<>();
      for (PredictorSpec e : all) {
        if (e.isNetwork() || (!e.residual() && e.space() != Space.WEIGHTED)) {
          subset.add(e);
        }
      }
      return subset;
    }
  }

  private static final long TRAINING_SEED = 1;
  private static final long TEST_SEED = 2;
  private static final int STEPS = 1_000;
  private static final int CLASS_STEPS = 2_000;
  private static final int CLASS_BATCH = 256;
  private static final double CLASS_EDGE = 1.0 / 3;
  private static final String CLASS_TARGET = "band";
  private static final double SET_LEVEL = 0.9;

  @Spec CommandSpec spec;

  @Option(names = "--exp", defaultValue = "e1", paramLabel = "e1|e2|classes",
      description = "The experiment.")
  Experiment experiment;

  @Option(names = "--out", defaultValue = "precond-demo", paramLabel = "DIR",
      description = "Directory for the report, figures, data and model; created if missing.")
  Path out;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads; default: all processors. Does not change the result.")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Files.createDirectories(out);
    // Extra rows, so that the network trains on the experiment's number of rows.
    int rows = (int) Math.round(experiment.trainingRows / (1 - experiment.heldOut()));
    Dataset training = experiment.function.uniform(rows, TRAINING_SEED);
    Dataset test = experiment.function.uniform(TEST_ROWS, TEST_SEED);
    Path trainingFile = out.resolve("train.csv");
    Path testFile = out.resolve("test.csv");
    Table classTraining = experiment.classes() ? classes(training) : null;
    Table classTest = experiment.classes() ? classes(test) : null;
    if (experiment.classes()) {
      CsvWriter.write(classTraining, trainingFile);
      CsvWriter.write(classTest, testFile);
    } else {
      CsvWriter.write(training, trainingFile);
      CsvWriter.write(test, testFile);
    }

    err.printf(
        Locale.ROOT, "demo %s: %d rows to train on, %d held out to validate and calibrate, %d test rows; "
            + "training a %d x %d network, %d %s %s steps%n",
        experiment.label(), experiment.trainingRows, rows - experiment.trainingRows,
        test.rows(), experiment.width, experiment.depth, experiment.steps(),
        experiment.batch() == 0 ? "full-batch" : "mini-batch",
        experiment.optimizer.name().toLowerCase(Locale.ROOT));
    err.flush();
    PrecondModel model;
    if (experiment.classes()) {
      model = train(regressor(), classTraining);
      test = model.encode(classTest, testFile.toString());
    } else {
      model = train(regressor(), training);
    }
    Path modelFile = out.resolve("model.pcm");
    model.save(modelFile);
    err.println(model.describe());

    Report report;
    if (experiment.classes()) {
      err.println("scoring the classifier, its network and k-NN on the test rows...");
      err.flush();
      ClassifierTable.print(ClassifierEvaluation.run(model, test, SET_LEVEL), stdout);
      report = Report.builder(model, test).build();
    } else {
      List<PredictorSpec> estimators = experiment.estimators();
      err.printf(Locale.ROOT, "scoring %d estimators on the test rows...%n", estimators.size());
      err.flush();
      report =
          Report.builder(model, test)
              .truth(experiment.function)
              .estimators(estimators)
              .build();
      report.metrics().print(stdout);
    }
    Path html = out.resolve("report.html");
    report.writeHtml(html);
    List<Path> images = report.writeImages(out);

    stdout.println();
    stdout.println("The report (open it in a browser; it needs no network):");
    stdout.println("  " + html.toAbsolutePath());
    stdout.println("Figures:");
    for (Path png : images) {
      stdout.println("  " + png);
    }
    stdout.println("Data and model: " + trainingFile + ", " + testFile + ", " + modelFile);
    stdout.println(
        "Every method in every space: precond evaluate --model " + modelFile + " --data "
            + testFile);
    return ExitCodes.OK;
  }

  /**
   * The experiment's settings. E1 and E2 are the seed's experiments exactly: one network,
   * full-batch steps at the optimiser's own constant rate, the inputs as they are; not 'precond
   * fit's tabular recipe. The classes take 'precond fit's classifier recipe with one network and
   * fewer steps, to stay quick.
   */
  private Regressor regressor() {
    Regressor.Builder regressor = Regressor.builder().ensemble(1);
    if (experiment.classes()) {
      regressor.width(experiment.width).depth(experiment.depth).steps(experiment.steps());
    } else {
      regressor
          .training(
              TrainingConfig.builder()
                  .width(experiment.width)
                  .depth(experiment.depth)
                  .steps(experiment.steps())
                  .optimizer(experiment.optimizer)
                  .build())
          .encodingBins(0)
          .calibration(experiment.calibration);
    }
    if (threads != null) {
      if (threads < 1) {
        throw new UsageException("--threads must be at least 1, got " + threads);
      }
      regressor.threads(threads);
    }
    return regressor.build();
  }

  /** Trains with a progress bar; the model predicts as 'precond fit' would. */
  private static PrecondModel train(Regressor regressor, Dataset training) {
    TrainingProgress progress = TrainingProgress.onStandardError();
    PrecondModel model = regressor.fit(training, progress);
    progress.finish();
    return model;
  }

  private static PrecondModel train(Regressor regressor, Table training) {
    TrainingProgress progress = TrainingProgress.onStandardError();
    PrecondModel model = regressor.fit(training, progress);
    progress.finish();
    return model;
  }

  /** The rows with the function's value cut into the classes low, mid and high. */
  static Table classes(Dataset rows) {
    Table numeric = Table.of(rows);
    float[] y = ((Column.Numeric) numeric.targets().get(0)).values();
    int[] codes = new int[y.length];
    for (int r = 0; r < y.length; r++) {
      codes[r] = y[r] < -CLASS_EDGE ? 0 : y[r] > CLASS_EDGE ? 2 : 1;
    }
    return new Table(
        numeric.features(),
        List.of(new Column.Categorical(CLASS_TARGET, codes, List.of("low", "mid", "high"))));
  }
}
