package org.precond.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one column's cells while a file streams past. A column of inferred type starts numeric
 * and turns categorical at its first cell that is neither a number nor a missing-value marker;
 * the numbers read until then become category names. In a categorical column a cell that is a
 * number is named by its value ({@code 020} and {@code 20.0} are the category {@code 20}), so
 * that the same category is recognised whichever way a file writes it.
 */
final class ColumnBuilder {

  private final String source;
  private final String name;
  private final int fileColumn;
  private final ColumnType forced;
  private final boolean typeFromModel;

  private float[] numbers = new float[1024];
  private int[] codes;
  private Map<String, Integer> index;
  private List<String> levels;
  private int size;

  /**
   * @param forced the column's type when it is not inferred, else null
   * @param typeFromModel whether {@code forced} comes from a fitted model (said in errors)
   */
  ColumnBuilder(String source, String name, int fileColumn, ColumnType forced,
      boolean typeFromModel) {
    this.source = source;
    this.name = name;
    this.fileColumn = fileColumn;
    this.forced = forced;
    this.typeFromModel = typeFromModel;
    if (forced == ColumnType.CATEGORICAL) {
      becomeCategorical();
    }
  }

  String name() {
    return name;
  }

  int fileColumn() {
    return fileColumn;
  }

  /** Adds the cell of row {@code line}, already stripped; {@code missing} says it is empty. */
  void add(long line, String text, boolean missing) throws DataFormatException {
    if (codes != null) {
      addLevel(missing ? null : categoryName(text));
      return;
    }
    float value = missing ? Float.NaN : CsvReader.parseNumber(text);
    if (!missing && Float.isNaN(value)) {
      if (forced == ColumnType.NUMERIC) {
        throw new DataFormatException(source, line, fileColumn + 1, name,
            "expected a number or a missing-value marker"
                + (typeFromModel ? " (the column is numeric in the model)" : "")
                + ", found " + CsvReader.quote(text));
      }
      becomeCategorical();
      addLevel(text);
      return;
    }
    if (Float.isInfinite(value)) {
      throw new DataFormatException(source, line, fileColumn + 1, name,
          "expected a number within the float32 range, found " + CsvReader.quote(text));
    }
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, grown(size));
    }
    numbers[size++] = value;
  }

  /**
   * Adds column {@code column} of a batch of parsed records, as {@link #add(long, String, boolean)}
   * would cell by cell: the numbers of a numeric column at once, and the text cells one by one,
   * since each may turn the column categorical or be an error.
   */
  void add(CellBatch batch, int column) throws DataFormatException {
    float[] values = batch.values[column];
    String[] text = batch.text[column];
    int rows = batch.rows;
    if (codes == null && text == null) {
      if (size > numbers.length - rows) {
        if (size > Integer.MAX_VALUE - 8 - rows) {
          throw new OutOfMemoryError("a column of more than " + size + " rows");
        }
        numbers = Arrays.copyOf(numbers, Math.max(grown(size), size + rows));
      }
      System.arraycopy(values, 0, numbers, size, rows);
      size += rows;
      return;
    }
    for (int r = 0; r < rows; r++) {
      if (text != null && text[r] != null) {
        add(batch.lines[r], text[r], false);
      } else if (codes != null) {
        // A number names its category as categoryName would name its text.
        addLevel(Float.isNaN(values[r]) ? null : numberName(values[r]));
      } else {
        if (size == numbers.length) {
          numbers = Arrays.copyOf(numbers, grown(size));
        }
        numbers[size++] = values[r];
      }
    }
  }

  private void becomeCategorical() {
    codes = new int[Math.max(1024, size)];
    index = new HashMap<>();
    levels = new ArrayList<>();
    float[] earlier = numbers;
    int count = size;
    size = 0;
    numbers = null;
    for (int r = 0; r < count; r++) {
      addLevel(Float.isNaN(earlier[r]) ? null : numberName(earlier[r]));
    }
  }

  private void addLevel(String level) {
    if (size == codes.length) {
      codes = Arrays.copyOf(codes, grown(size));
    }
    if (level == null) {
      codes[size++] = Column.MISSING;
      return;
    }
    Integer code = index.get(level);
    if (code == null) {
      code = levels.size();
      index.put(level, code);
      levels.add(level);
    }
    codes[size++] = code;
  }

  Column build() {
    return codes != null
        ? new Column.Categorical(name, Arrays.copyOf(codes, size), levels)
        : new Column.Numeric(name, Arrays.copyOf(numbers, size));
  }

  private static int grown(int size) {
    if (size >= Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("a column of more than " + size + " rows");
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, size + (size >> 1) + 16L);
  }

  /** The name of a category cell: numbers by their value, anything else as written. */
  static String categoryName(String text) {
    float value = CsvReader.parseNumber(text);
    return Float.isFinite(value) ? numberName(value) : text;
  }

  /** A number as a category name: whole numbers without a decimal point. */
  static String numberName(float value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15f) {
      return Long.toString((long) value);
    }
    return Float.toString(value).toLowerCase(Locale.ROOT);
  }
}
