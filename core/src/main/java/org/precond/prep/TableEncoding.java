package org.precond.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.precond.data.Column;
import org.precond.data.ColumnType;
import org.precond.data.Table;

/**
 * How a table's columns become the numeric inputs of a model, fitted on its training rows.
 *
 * <ul>
 *   <li>A numeric column stays one input; a missing cell takes the training median, and when the
 *       training rows had missing cells an indicator input {@code name=(missing)} says which.
 *   <li>A categorical column becomes one-hot inputs {@code name=level} for its most frequent
 *       levels (at most {@code maxLevels}, each seen in at least {@value #MIN_LEVEL_ROWS} rows),
 *       {@code name=(other)} for the rest when there are any, and {@code name=(missing)} when the
 *       training rows had missing cells. A level never seen in training goes to {@code (other)},
 *       or to no input when there is none, and is counted in {@link Encoded#unseen()}.
 * </ul>
 *
 * A missing cell where training had none takes the median, or no input for a categorical column.
 */
public final class TableEncoding {

  /** Levels of one column that get an input of their own unless told otherwise. */
  public static final int DEFAULT_MAX_LEVELS = 32;

  /** Fewer training rows than this make a level too rare for an input of its own. */
  public static final int MIN_LEVEL_ROWS = 5;

  /** The suffix of the input that marks a missing cell. */
  public static final String MISSING = "(missing)";

  /** The level of the input that takes rare and unseen categories. */
  public static final String OTHER = "(other)";

  /** How one column is encoded. */
  public sealed interface ColumnEncoding {
    String name();

    ColumnType type();

    /** The names of the inputs it makes, in order. */
    List<String> inputs();
  }

  /** A numeric column: its value, {@code fill} where missing, and an indicator if asked. */
  public record Numeric(String name, float fill, boolean indicator) implements ColumnEncoding {
    @Override
    public ColumnType type() {
      return ColumnType.NUMERIC;
    }

    @Override
    public List<String> inputs() {
      return indicator ? List.of(name, name + "=" + MISSING) : List.of(name);
    }
  }

  /**
   * A categorical column: one input per level in {@code levels}, then {@code (other)} when {@code
   * rare} is not empty or {@code other} is set, then {@code (missing)} when {@code missingLevel}.
   *
   * @param rare the training levels that share {@code (other)}, so that they are not counted as
   *     unseen
   */
  public record Categorical(
      String name, List<String> levels, List<String> rare, boolean missingLevel)
      implements ColumnEncoding {
    public Categorical {
      levels = List.copyOf(levels);
      rare = List.copyOf(rare);
    }

    @Override
    public ColumnType type() {
      return ColumnType.CATEGORICAL;
    }

    boolean hasOther() {
      return !rare.isEmpty();
    }

    @Override
    public List<String> inputs() {
      List<String> out = new ArrayList<>();
      for (String level : levels) {
        out.add(name + "=" + level);
      }
      if (hasOther()) {
        out.add(name + "=" + OTHER);
      }
      if (missingLevel) {
        out.add(name + "=" + MISSING);
      }
      return out;
    }
  }

  /**
   * Encoded rows.
   *
   * @param features row-major, {@code rows × inputs().size()}
   * @param unseen per column, how many cells held a level not seen in training (only columns with
   *     any)
   */
  public record Encoded(float[] features, Map<String, Integer> unseen) {}

  private final List<ColumnEncoding> columns;
  private final List<String> inputs;

  public TableEncoding(List<ColumnEncoding> columns) {
    this.columns = List.copyOf(columns);
    List<String> names = new ArrayList<>();
    for (ColumnEncoding c : this.columns) {
      names.addAll(c.inputs());
    }
    this.inputs = List.copyOf(names);
  }

  /** Every column numeric and complete: each input is a column as it is. */
  public static TableEncoding numeric(List<String> names) {
    List<ColumnEncoding> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(new Numeric(name, 0, false));
    }
    return new TableEncoding(columns);
  }

  /** Fits the encoding of {@code training}'s feature columns. */
  public static TableEncoding fit(Table training, int maxLevels) {
    if (maxLevels < 1) {
      throw new IllegalArgumentException("at least one level per column, got " + maxLevels);
    }
    List<ColumnEncoding> columns = new ArrayList<>();
    for (Column c : training.features()) {
      columns.add(
          switch (c) {
            case Column.Numeric n -> new Numeric(n.name(), median(n.present()), n.missing() > 0);
            case Column.Categorical k -> categorical(k, maxLevels);
          });
    }
    return new TableEncoding(columns);
  }

  /** The median of {@code present}, which it sorts; 0 for none. */
  private static float median(float[] present) {
    int n = present.length;
    if (n == 0) {
      return 0;
    }
    Arrays.sort(present);
    return n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
  }

  private static Categorical categorical(Column.Categorical column, int maxLevels) {
    int[] counts = column.counts();
    Integer[] order = new Integer[counts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Most frequent first; ties in order of first appearance, so the encoding is reproducible.
    Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? counts[b] - counts[a] : a - b);
    List<String> kept = new ArrayList<>();
    List<String> rare = new ArrayList<>();
    for (int i : order) {
      String level = column.levels().get(i);
      (kept.size() < maxLevels && counts[i] >= MIN_LEVEL_ROWS ? kept : rare).add(level);
    }
    return new Categorical(column.name(), kept, rare, column.missing() > 0);
  }

  public List<ColumnEncoding> columns() {
    return columns;
  }

  /** The names of the columns it reads, in order. */
  public List<String> columnNames() {
    return columns.stream().map(ColumnEncoding::name).toList();
  }

  /** The type of each column it reads. */
  public Map<String, ColumnType> types() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (ColumnEncoding c : columns) {
      types.put(c.name(), c.type());
    }
    return types;
  }

  /** The names of the inputs it makes, in order. */
  public List<String> inputs() {
    return inputs;
  }

  /** Whether every column is numeric without an indicator: the inputs are the columns. */
  public boolean isIdentity() {
    for (ColumnEncoding c : columns) {
      if (!(c instanceof Numeric n) || n.indicator()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes {@code table}'s feature columns, found by name.
   *
   * @throws IllegalArgumentException if a column is missing or of another type
   */
  public Encoded encode(Table table) {
    Map<String, Column> byName = new HashMap<>();
    for (Column c : table.features()) {
      byName.put(c.name(), c);
    }
    int rows = table.rows();
    int width = inputs.size();
    float[] out = new float[Math.multiplyExact(rows, width)];
    Map<String, Integer> unseen = new LinkedHashMap<>();
    int offset = 0;
    for (ColumnEncoding encoding : columns) {
      Column column = byName.get(encoding.name());
      if (column == null) {
        throw new IllegalArgumentException("the rows have no column " + encoding.name());
      }
      if (column.type() != encoding.type()) {
        throw new IllegalArgumentException(
            "column " + encoding.name() + " is " + column.type().name().toLowerCase(Locale.ROOT)
                + ", but " + encoding.type().name().toLowerCase(Locale.ROOT) + " in the model");
      }
      switch (encoding) {
        case Numeric n -> encodeNumeric(n, (Column.Numeric) column, out, width, offset);
        case Categorical k -> {
          int count = encodeCategorical(k, (Column.Categorical) column, out, width, offset);
          if (count > 0) {
            unseen.put(k.name(), count);
          }
        }
      }
      offset += encoding.inputs().size();
    }
    return new Encoded(out, unseen);
  }

  private static void encodeNumeric(
      Numeric n, Column.Numeric column, float[] out, int width, int offset) {
    float[] values = column.values();
    for (int r = 0; r < values.length; r++) {
      boolean missing = Float.isNaN(values[r]);
      out[r * width + offset] = missing ? n.fill() : values[r];
      if (n.indicator() && missing) {
        out[r * width + offset + 1] = 1;
      }
    }
  }

  /** One-hot inputs; returns how many cells held unseen levels. */
  private static int encodeCategorical(
      Categorical k, Column.Categorical column, float[] out, int width, int offset) {
    // Where each of the column's levels goes, decided once per level rather than per cell.
    Map<String, Integer> input = new HashMap<>();
    for (int i = 0; i < k.levels().size(); i++) {
      input.put(k.levels().get(i), i);
    }
    int other = k.hasOther() ? k.levels().size() : -1;
    int missing = k.missingLevel() ? k.levels().size() + (k.hasOther() ? 1 : 0) : -1;
    Set<String> rare = new HashSet<>(k.rare());
    int[] target = new int[column.levels().size()];
    boolean[] isUnseen = new boolean[target.length];
    for (int c = 0; c < target.length; c++) {
      String level = column.levels().get(c);
      Integer i = input.get(level);
      target[c] = i != null ? i : other;
      isUnseen[c] = i == null && !rare.contains(level);
    }
    int unseen = 0;
    int[] codes = column.codes();
    for (int r = 0; r < codes.length; r++) {
      int code = codes[r];
      int i;
      if (code == Column.MISSING) {
        i = missing;
      } else {
        i = target[code];
        if (isUnseen[code]) {
          unseen++;
        }
      }
      if (i >= 0) {
        out[r * width + offset + i] = 1;
      }
    }
    return unseen;
  }
}
