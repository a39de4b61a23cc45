package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.data.Delimiter;
import org.precond.model.PrecondModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code precond predict}: the model's predictions for the rows of a CSV file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Predicts the targets for each row of a CSV file and writes them as CSV, one column per "
          + "target named as the target, rows in input order.",
      "The rows need the model's feature columns (by name); target columns may be absent.",
      "By default the model predicts as it was fitted; --method and its options refit another "
          + "interpolant on the training rows the model keeps."
    })
final class PredictCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to predict: CSV with a header row, or - for stdin.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the predictions (atomically), or - for stdout.")
  Path out;

  @Option(names = "--delimiter", paramLabel = "DELIM", defaultValue = DelimiterConverter.AUTO,
      converter = DelimiterConverter.class,
      description = "Field separator: ',', ';', 'tab', or 'auto' to detect it.")
  Delimiter delimiter;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads; default: all processors.")
  Integer threads;

  @Mixin EstimatorOptions prediction;

  @Override
  public Integer call() throws IOException {
    PrecondModel m = PrecondModel.load(model);
    Dataset rows = RowsInput.read(m, data, delimiter);
    float[] predictions;
    try (Workers workers = Threads.workers(threads)) {
      if (prediction.given()) {
        m = m.withEstimator(prediction.estimator(null), workers);
      }
      predictions = m.predict(rows, workers);
    }
    RowsInput.write(m.targetNames(), predictions, out);
    return ExitCodes.OK;
  }
}
