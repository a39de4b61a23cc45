package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.precond.data.Dataset;
import org.precond.evaluate.Evaluation;
import org.precond.model.PrecondModel;
import org.precond.report.Report;
import org.precond.synthetic.ReferenceFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond report}: a self-contained HTML report of a model, and optionally PNG figures. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Writes one self-contained HTML file (it works offline: Plotly.js is inside) showing the "
          + "training loss; the embedding and the raw inputs on their first two principal "
          + "components against the target, rotatable in 3-D, with the linearity R²; for "
          + "two-input models, maps of the network and of the model's interpolant in raw and in "
          + "embedding space with their errors; and the metrics of every method in every space "
          + "on the test rows, the best highlighted; for a model with calibration rows, the "
          + "coverage of its intervals against the nominal level and a few predictive "
          + "distributions with the training rows behind them.",
      "For a classifier: the embedding and the raw inputs on their first two principal "
          + "components coloured by class; accuracy, log loss, Brier score, calibration error, "
          + "macro F1 and the coverage and size of the 90%% prediction sets of the model, the "
          + "network alone and k-NN in each space; the confusion matrix and the reliability "
          + "diagram of the model's probabilities on the test rows.",
      "Point clouds are sampled down to " + Report.MAX_POINTS + " points."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Test rows with the target columns.")
  Path data;

  @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE",
      description = "The HTML file to write (atomically).")
  Path out;

  @Option(names = "--truth", paramLabel = "e1|e2",
      description = "The reference function the data came from (precond generate): the maps "
          + "then show it and the errors against it over the whole grid.")
  ReferenceFunction truth;

  @Option(names = "--images", paramLabel = "DIR",
      description = "Also write the key figures as PNG images into this directory.")
  Path images;

  @Option(names = "--target", paramLabel = "NAME",
      description = "The target the figures show; default: the model's first. A classifier's "
          + "figures show its classes.")
  String target;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    PrecondModel fitted = run.load(model);
    Dataset test = run.rowsWithTargets(fitted, data);
    Report.Builder builder = builder(fitted, test);
    PrintWriter err = spec.commandLine().getErr();
    if (fitted.preprocessing().isClassification()) {
      err.printf("scoring the classifier and its variants on %d test rows...%n", test.rows());
    } else {
      err.printf("scoring %d estimators on %d test rows...%n",
          Evaluation.everyPredictor().size(), test.rows());
    }
    err.flush();
    Report report = builder.build();
    report.writeHtml(out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("wrote " + out);
    if (images != null) {
      Files.createDirectories(images);
      for (Path png : report.writeImages(images)) {
        stdout.println("wrote " + png);
      }
    }
    return ExitCodes.OK;
  }

  private Report.Builder builder(PrecondModel fitted, Dataset test) {
    try {
      Report.Builder builder = Report.builder(fitted, test).truth(truth);
      return target == null ? builder : builder.target(target);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
