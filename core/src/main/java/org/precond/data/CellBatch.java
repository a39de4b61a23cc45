package org.precond.data;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.List;
import java.util.function.Predicate;

/**
 * Consecutive records of a file with their cells parsed, the part of reading a table that runs on
 * a worker: per column, each cell's number (NaN when missing), and the text of the cells that are
 * neither a finite number nor missing, which only their column, filled in file order by {@link
 * ColumnBuilder#add(CellBatch, int)}, can make sense of (a category, or an error).
 */
final class CellBatch {

  /** Records parsed: those before a record with the wrong number of fields, if there is one. */
  final int rows;

  /** Each record's first line in the file. */
  final long[] lines;

  /** Per column, each cell's number; NaN when missing or when the cell is text. */
  final float[][] values;

  /**
   * Per column, the stripped text of the cells that are neither a finite number nor missing, at
   * their row; null when there are none.
   */
  final String[][] text;

  /** The error of the record after the last one parsed, or null when every record is parsed. */
  final DataFormatException fieldCount;

  private CellBatch(
      int rows, long[] lines, float[][] values, String[][] text, DataFormatException fieldCount) {
    this.rows = rows;
    this.lines = lines;
    this.values = values;
    this.text = text;
    this.fieldCount = fieldCount;
  }

  /**
   * Parses the first {@code count} of {@code records}: the cells of {@code fileColumns}, in that
   * order, after checking that each record has {@code header}'s number of fields; {@code
   * missing} tells a missing-value marker (a stripped cell) from other text.
   */
  static CellBatch parse(
      String source, List<String> header, int[] fileColumns, CsvRecord[] records, int count,
      Predicate<String> missing) {
    int columns = fileColumns.length;
    long[] lines = new long[count];
    float[][] values = new float[columns][count];
    String[][] text = new String[columns][];
    DataFormatException fieldCount = null;
    int rows = 0;
    for (; rows < count; rows++) {
      CsvRecord record = records[rows];
      lines[rows] = record.getStartingLineNumber();
      try {
        CsvReader.checkFieldCount(source, lines[rows], record, header);
      } catch (DataFormatException e) {
        fieldCount = e;
        break;
      }
      for (int c = 0; c < columns; c++) {
        String cell = record.getField(fileColumns[c]).strip();
        float value = Float.NaN;
        if (!missing.test(cell)) {
          value = CsvReader.parseNumber(cell);
          if (!Float.isFinite(value)) {
            if (text[c] == null) {
              text[c] = new String[count];
            }
            text[c][rows] = cell;
            value = Float.NaN;
          }
        }
        values[c][rows] = value;
      }
    }
    return new CellBatch(rows, lines, values, text, fieldCount);
  }
}
