package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
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

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads; default: all processors. Results do not depend on it.")
  Integer threads;

  /** The model in {@code file}, working on {@code --threads} threads when given. */
  PrecondModel load(Path file) throws IOException {
    PrecondModel m = PrecondModel.load(file);
    return threads == null ? m : m.withThreads(checkedThreads());
  }

  /** {@code --threads}, checked; null when absent. */
  Integer checkedThreads() {
    if (threads != null && threads < 1) {
      throw new UsageException("--threads must be at least 1, got " + threads);
    }
    return threads;
  }

  /** The model's feature columns of {@code file} by name; its targets when present. */
  Dataset rows(PrecondModel m, Path file) throws IOException {
    return m.rowReader().delimiter(delimiter).build().read(file);
  }

  /** The model's feature and target columns of {@code file}; here the targets are required. */
  Dataset rowsWithTargets(PrecondModel m, Path file) throws IOException {
    return m.rowReader().delimiter(delimiter).targetsOptional(false).build().read(file);
  }

  /** A reader of every column of a training file, with this delimiter. */
  CsvReader.Builder reader() {
    return CsvReader.builder().delimiter(delimiter);
  }
}
