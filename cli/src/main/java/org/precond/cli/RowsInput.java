package org.precond.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.precond.data.CsvReader;
import org.precond.data.CsvWriter;
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

  /** Writes a row-major block as CSV, atomically to a file or to standard output for "-". */
  static void write(List<String> columns, float[] values, Path out) throws IOException {
    Dataset table = new Dataset(values.length / columns.size(), values, columns, new float[0], List.of());
    if (out.toString().equals("-")) {
      Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      CsvWriter.write(table, w);
      w.flush();
    } else {
      CsvWriter.write(table, out);
    }
  }
}
