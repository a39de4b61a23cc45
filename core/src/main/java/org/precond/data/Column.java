package org.precond.data;

import java.util.Arrays;
import java.util.List;

/**
 * One column of a {@link Table} as it was read, before any encoding: numbers with their missing
 * cells, or category codes with the names of the categories.
 */
public sealed interface Column permits Column.Numeric, Column.Categorical {

  /** The code of a missing cell in a categorical column. */
  int MISSING = -1;

  String name();

  ColumnType type();

  int rows();

  /** Whether cell {@code row} is missing. */
  boolean isMissing(int row);

  /** How many cells are missing. */
  default int missing() {
    int count = 0;
    for (int r = 0; r < rows(); r++) {
      if (isMissing(r)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Numbers, NaN where a cell is missing.
   *
   * @param values owned by the column; do not modify
   */
  record Numeric(String name, float[] values) implements Column {
    @Override
    public ColumnType type() {
      return ColumnType.NUMERIC;
    }

    @Override
    public int rows() {
      return values.length;
    }

    @Override
    public boolean isMissing(int row) {
      return Float.isNaN(values[row]);
    }

    /** The cells that are not missing, in row order. */
    public float[] present() {
      float[] out = new float[values.length];
      int n = 0;
      for (float v : values) {
        if (!Float.isNaN(v)) {
          out[n++] = v;
        }
      }
      return Arrays.copyOf(out, n);
    }
  }

  /**
   * Categories: each cell the index of its category in {@code levels} (in order of first
   * appearance), or {@link #MISSING}.
   *
   * @param codes owned by the column; do not modify
   */
  record Categorical(String name, int[] codes, List<String> levels) implements Column {
    public Categorical {
      levels = List.copyOf(levels);
    }

    @Override
    public ColumnType type() {
      return ColumnType.CATEGORICAL;
    }

    @Override
    public int rows() {
      return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
      return codes[row] == MISSING;
    }

    /** The category of cell {@code row}, or null when it is missing. */
    public String level(int row) {
      return codes[row] == MISSING ? null : levels.get(codes[row]);
    }

    /** How many cells hold each level, by level index. */
    public int[] counts() {
      int[] counts = new int[levels.size()];
      for (int code : codes) {
        if (code != MISSING) {
          counts[code]++;
        }
      }
      return counts;
    }
  }
}
