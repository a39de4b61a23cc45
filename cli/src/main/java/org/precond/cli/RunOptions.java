package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Delimiter;
import org.precond.model.PrecondModel;
import picocli.CommandLine.Option;

/** Options of every command that reads CSV rows and computes: the delimiter and threads. */
final class RunOptions {

  @Option(names = "--delimiter", paramLabel = "DELIM", defaultValue = DelimiterConverter.AUTO,
      converter = DelimiterConverter.class,
      description = "Field separator: ',', ';', 'tab', or 'auto' to detect it.")
  Delimiter delimiter;

  @Option(names = "--na", split = ",", paramLabel = "MARKER",
      description = "Cells that mean a missing value, besides an empty cell; default: NA,NaN,"
          + "null,?.")
  List<String> missing = CsvReader.DEFAULT_MISSING;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads; default: all processors. Results do not depend on it.")
  Integer threads;

  /**
   * The model in {@code file}, working on {@code --threads} threads when given; what only some
   * predictions need is read when first needed ({@link PrecondModel#open}).
   */
  PrecondModel load(Path file) throws IOException {
    PrecondModel m = PrecondModel.open(file);
    return threads == null ? m : m.withThreads(checkedThreads());
  }

  /** {@code --threads}, checked; null when absent. */
  Integer checkedThreads() {
    if (threads != null && threads < 1) {
      throw new UsageException("--threads must be at least 1, got " + threads);
    }
    return threads;
  }

  /** The model's feature columns of {@code file} by name, encoded; its targets when present. */
  Dataset rows(PrecondModel m, Path file) throws IOException {
    return m.encode(
        m.rowReader().delimiter(delimiter).missing(missing).build().readTable(file),
        file.toString());
  }

  /**
   * The model's feature columns of {@code file} by name, encoded, its targets not read: rows to
   * predict may carry labels the model never saw, or no target at all.
   */
  Dataset features(PrecondModel m, Path file) throws IOException {
    return m.encode(
        m.rowReader().delimiter(delimiter).missing(missing).targets(List.of()).build()
            .readTable(file),
        file.toString());
  }

  /** The model's feature and target columns of {@code file}; here the targets are required. */
  Dataset rowsWithTargets(PrecondModel m, Path file) throws IOException {
    return m.encode(
        m.rowReader().delimiter(delimiter).missing(missing).targetsOptional(false).build()
            .readTable(file),
        file.toString());
  }

  /** A reader of every column of a training file, with this delimiter and missing values. */
  CsvReader.Builder reader() {
    return CsvReader.builder().delimiter(delimiter).missing(missing);
  }
}
