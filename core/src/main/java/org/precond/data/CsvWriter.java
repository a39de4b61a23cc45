package org.precond.data;

import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.precond.io.AtomicFile;

/**
 * Writes a {@link Dataset} (or a {@link Table}) as comma-separated UTF-8 text that {@link CsvReader} reads back
 * exactly: a header with the feature names then the target names, and one line per row with every
 * value printed by {@link Float#toString(float)}, the shortest decimal that round-trips.
 */
public final class CsvWriter {

  private CsvWriter() {}

  /**
   * Writes to a file atomically: the text goes to a temporary file in the same directory, which is
   * synced and then renamed over the destination, so a failure (or a crash) leaves either the old
   * file or the complete new one, never a truncated one.
   */
  public static void write(Dataset data, Path path) throws IOException {
    AtomicFile.writeText(path, out -> write(data, out));
  }

  /** Writes to a character stream, which is flushed but left open. */
  public static void write(Dataset data, Writer out) throws IOException {
    de.siegmar.fastcsv.writer.CsvWriter csv =
        de.siegmar.fastcsv.writer.CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    try {
      writeRecords(data, csv);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void writeRecords(Dataset data, de.siegmar.fastcsv.writer.CsvWriter csv)
      throws IOException {
    int d = data.featureCount();
    int m = data.targetCount();
    String[] fields = new String[d + m];
    for (int c = 0; c < d; c++) {
      fields[c] = data.featureNames().get(c);
    }
    for (int c = 0; c < m; c++) {
      fields[d + c] = data.targetNames().get(c);
    }
    csv.writeRecord(fields);
    float[] features = data.features();
    float[] targets = data.targets();
    for (int row = 0; row < data.rows(); row++) {
      for (int c = 0; c < d; c++) {
        fields[c] = Float.toString(features[row * d + c]);
      }
      for (int c = 0; c < m; c++) {
        fields[d + c] = Float.toString(targets[row * m + c]);
      }
      csv.writeRecord(fields);
    }
    csv.flush();
  }

  /**
   * Writes a {@link Table} atomically, features then targets: numbers as {@link
   * Float#toString(float)} gives them, categories by name, missing cells empty.
   */
  public static void write(Table table, Path path) throws IOException {
    AtomicFile.writeText(path, out -> {
      de.siegmar.fastcsv.writer.CsvWriter csv =
          de.siegmar.fastcsv.writer.CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
      try {
        List<Column> columns = table.columns();
        String[] fields = new String[columns.size()];
        for (int c = 0; c < fields.length; c++) {
          fields[c] = columns.get(c).name();
        }
        csv.writeRecord(fields);
        for (int row = 0; row < table.rows(); row++) {
          for (int c = 0; c < fields.length; c++) {
            fields[c] = cell(columns.get(c), row);
          }
          csv.writeRecord(fields);
        }
        csv.flush();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    });
  }

  private static String cell(Column column, int row) {
    return switch (column) {
      case Column.Numeric n -> Float.isNaN(n.values()[row]) ? "" : Float.toString(n.values()[row]);
      case Column.Categorical k -> k.isMissing(row) ? "" : k.level(row);
    };
  }
}
