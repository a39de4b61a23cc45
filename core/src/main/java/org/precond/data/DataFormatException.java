package org.precond.data;

import java.io.IOException;

/**
 * Input data that cannot be read as a dataset, with a one-line message naming the file, the row,
 * the column and what was expected, e.g. {@code data.csv: row 17, column 3 (MedInc): expected a
 * number, found "abc"}.
 *
 * <p><b>Row numbers are line numbers as an editor shows them</b>: 1-based, the header is line 1, so
 * the first data row of a file without blank lines or multi-line quoted fields is row 2. A record
 * that spans several lines (a quoted field with a line break) is numbered by its first line.
 * Columns are numbered from 1, in file order.
 *
 * <p>The message stays on one line whatever the file holds: line breaks in the source, a column
 * name or the problem (which may quote the file's content) are shown escaped as in Java source:
 * {@code \n}, {@code \r}, and the rarer ones as Unicode escapes.
 */
public final class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long row;
  private final int column;
  private final String columnName;
  private final String problem;

  /**
   * @param source the file as the user named it ({@code <stdin>} for standard input)
   * @param row the line number (see the class comment), or 0 when the problem concerns no row
   * @param column the 1-based column number, or 0 when the problem concerns no column
   * @param columnName the column's name from the header, or {@code null} when it has none
   * @param problem what was expected and what was found
   */
  public DataFormatException(
      String source, long row, int column, String columnName, String problem) {
    super(format(source, row, column, columnName, problem));
    this.source = source;
    this.row = row;
    this.column = column;
    this.columnName = columnName;
    this.problem = oneLine(problem);
  }

  /** A problem with the input as a whole, such as an empty file. */
  public DataFormatException(String source, String problem) {
    this(source, 0, 0, null, problem);
  }

  private static String format(
      String source, long row, int column, String columnName, String problem) {
    StringBuilder sb = new StringBuilder(oneLine(source));
    if (row > 0) {
      sb.append(": row ").append(row);
    }
    if (column > 0) {
      sb.append(row > 0 ? ", column " : ": column ").append(column);
      if (columnName != null) {
        sb.append(" (").append(oneLine(columnName)).append(')');
      }
    }
    return sb.append(": ").append(oneLine(problem)).toString();
  }

  /**
   * The text with every line terminator that {@code \R} matches escaped: a quoted header name
   * may hold a line break, and a message quoting it must still be one line.
   */
  static String oneLine(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\013', '\f', '\u0085', '\u2028', '\u2029' ->
                String.format("\\u%04X", (int) c);
            default -> null;
          };
      if (escaped != null && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (escaped != null) {
          sb.append(escaped);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** The file as the user named it, or {@code <stdin>}. */
  public String source() {
    return source;
  }

  /** The 1-based line number (header = 1), or 0 when the problem concerns no particular row. */
  public long row() {
    return row;
  }

  /** The 1-based column number, or 0 when the problem concerns no particular column. */
  public int column() {
    return column;
  }

  /** The column's header name, or {@code null} if unknown or not applicable. */
  public String columnName() {
    return columnName;
  }

  /** What was expected and what was found, without the location prefix; one line. */
  public String problem() {
    return problem;
  }
}
