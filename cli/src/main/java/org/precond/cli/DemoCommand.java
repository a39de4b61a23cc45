package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
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
      "Both are tested on " + DemoCommand.TEST_ROWS + " fresh random rows."
    })
final class DemoCommand implements Callable<Integer> {

  static final int TEST_ROWS = 2_000;

  /** A reference experiment of DESIGN.md, as the demo runs it. */
  enum Experiment {
    // E1 calibrates on its validation rows, as 'precond fit' does; E2's 40 rows leave too few
    // validation rows for that, so 10 more rows are held out to calibrate.
    E1(ReferenceFunction.E1, 10_000, 32, 8, OptimizerType.ADAM, false, 0),
    E2(ReferenceFunction.E2, 40, 8, 4, OptimizerType.LUX, true, 0.2);

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

  @Spec CommandSpec spec;

  @Option(names = "--exp", defaultValue = "e1", paramLabel = "e1|e2",
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
    CsvWriter.write(training, trainingFile);
    CsvWriter.write(test, testFile);

    err.printf(
        Locale.ROOT, "demo %s: %d rows to train on, %d held out to validate and calibrate, %d test rows; "
            + "training a %d x %d network, %d full-batch %s steps%n",
        experiment.label(), experiment.trainingRows, rows - experiment.trainingRows,
        test.rows(), experiment.width, experiment.depth,
        STEPS, experiment.optimizer.name().toLowerCase(Locale.ROOT));
    err.flush();
    PrecondModel model = train(training);
    Path modelFile = out.resolve("model.pcm");
    model.save(modelFile);
    err.println(model.describe());

    List<PredictorSpec> estimators = experiment.estimators();
    err.printf(Locale.ROOT, "scoring %d estimators on the test rows...%n", estimators.size());
    err.flush();
    Report report =
        Report.builder(model, test)
            .truth(experiment.function)
            .estimators(estimators)
            .build();
    report.metrics().print(stdout);
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

  /** Trains the experiment's network with a progress bar; predicts as 'precond fit' would. */
  private PrecondModel train(Dataset training) {
    // The seed's experiment exactly: one network, full-batch steps at the optimiser's own
    // constant rate, the inputs as they are; not 'precond fit's tabular recipe.
    Regressor.Builder regressor =
        Regressor.builder()
            .training(
                TrainingConfig.builder()
                    .width(experiment.width)
                    .depth(experiment.depth)
                    .steps(STEPS)
                    .optimizer(experiment.optimizer)
                    .build())
            .ensemble(1)
            .encodingBins(0)
            .calibration(experiment.calibration);
    if (threads != null) {
      if (threads < 1) {
        throw new UsageException("--threads must be at least 1, got " + threads);
      }
      regressor.threads(threads);
    }
    TrainingProgress progress = TrainingProgress.onStandardError();
    PrecondModel model = regressor.build().fit(training, progress);
    progress.finish();
    return model;
  }
}
