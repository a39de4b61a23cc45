package org.precond.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.precond.io.AtomicFile;

/**
 * A CSV result with one row per input row, assembled column by column and written atomically
 * (or to standard output for "-").
 */
final class Table {

  private final int rows;
  private final List<String> names = new ArrayList<>();
  private final List<IntFunction<String>> columns = new ArrayList<>();

  Table(int rows) {
    this.rows = rows;
  }

  /** Adds column {@code name} whose value in row r is {@code value.apply(r)}. */
  void add(String name, IntFunction<String> value) {
    names.add(name);
    columns.add(value);
  }

  /** Adds the {@code c}-th column of a row-major float block with {@code width} columns. */
  void addFloats(String name, float[] block, int width, int c) {
    add(name, r -> Float.toString(block[r * width + c]));
  }

  void write(Path out) throws IOException {
    if (out.toString().equals("-")) {
      Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      writeTo(w);
      w.flush();
    } else {
      AtomicFile.writeText(out, this::writeTo);
    }
  }

  private void writeTo(Writer out) throws IOException {
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    try {
      csv.writeRecord(names);
      String[] fields = new String[columns.size()];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < fields.length; c++) {
          fields[c] = columns.get(c).apply(r);
        }
        csv.writeRecord(fields);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
