package org.precond.spark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.precond.data.CsvReader;
import org.precond.data.DataFormatException;
import org.precond.data.Table;

/**
 * DataFrame rows as the cells of a CSV file, read by precond's own reader: so that a DataFrame's
 * values mean to a model what the same cells in a file mean to the command line.
 */
final class RowCells {

  private RowCells() {}

  /**
   * The rows' fields {@code at} (in {@code names}' order) read by {@code reader} as a table.
   *
   * @param firstRow the number errors give the first row
   * @throws IllegalArgumentException naming {@code source}, the row and the column when a cell
   *     does not fit its column
   */
  static Table read(CsvReader reader, List<String> names, int[] at, List<Row> rows,
      String source, long firstRow) {
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Row row : rows) {
      String[] c = new String[at.length];
      for (int f = 0; f < at.length; f++) {
        c[f] = cell(row.get(at[f]));
      }
      cells.add(c);
    }
    try {
      return reader.readTable(names, cells.iterator(), source, firstRow);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Where each of {@code names} is among {@code columns}; -1 for none. */
  static int[] positions(List<String> names, String[] columns) {
    List<String> all = List.of(columns);
    int[] at = new int[names.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = all.indexOf(names.get(i));
    }
    return at;
  }

  /**
   * A DataFrame value as the CSV cell that holds it: numbers by their float32 value (which is
   * what the model reads), NaN and null missing.
   */
  static String cell(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return d.isNaN() ? null : Float.toString(d.floatValue());
    }
    if (value instanceof Float f) {
      return f.isNaN() ? null : f.toString();
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return value.toString();
  }
}
