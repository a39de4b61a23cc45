package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Delimiter;
import org.precond.model.PrecondModel;

/** Reading rows for a model and writing per-row results, shared by the commands that score. */
final class RowsInput {

  private RowsInput() {}

  /**
   * Reads the model's feature columns by name from {@code file}; its target columns are read when
   * present and may be missing. Other columns are ignored.
   */
  static Dataset read(PrecondModel model, Path file, Delimiter delimiter) throws IOException {
    return CsvReader.builder()
        .delimiter(delimiter)
        .features(model.featureNames())
        .targets(model.targetNames())
        .targetsOptional(true)
        .build()
        .read(file);
  }

  /** Reads the model's feature and target columns by name; here the targets are required. */
  static Dataset readWithTargets(PrecondModel model, Path file, Delimiter delimiter)
      throws IOException {
    return CsvReader.builder()
        .delimiter(delimiter)
        .features(model.featureNames())
        .targets(model.targetNames())
        .build()
        .read(file);
  }
}
