package org.precond.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table as read from a file, column by column: numeric and categorical feature columns, empty
 * cells kept as missing, and zero or more target columns of either type. A fitted model's {@link
 * org.precond.prep.TableEncoding} turns it into the numeric {@link Dataset} its network reads.
 */
public final class Table {

  private final int rows;
  private final List<Column> features;
  private final List<Column> targets;

  /**
   * @throws IllegalArgumentException if the columns differ in length, a name repeats, or there is
   *     no feature column
   */
  public Table(List<Column> features, List<Column> targets) {
    this.features = List.copyOf(features);
    this.targets = List.copyOf(targets);
    if (this.features.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one feature column");
    }
    this.rows = this.features.get(0).rows();
    Set<String> names = new HashSet<>();
    for (Column c : columns()) {
      if (c.rows() != rows) {
        throw new IllegalArgumentException(
            "column " + c.name() + " has " + c.rows() + " rows, expected " + rows);
      }
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("column \"" + c.name() + "\" appears twice");
      }
    }
  }

  public int rows() {
    return rows;
  }

  public List<Column> features() {
    return features;
  }

  public List<Column> targets() {
    return targets;
  }

  /** Features, then targets. */
  public List<Column> columns() {
    List<Column> all = new ArrayList<>(features);
    all.addAll(targets);
    return all;
  }

  public List<String> featureNames() {
    return features.stream().map(Column::name).toList();
  }

  public List<String> targetNames() {
    return targets.stream().map(Column::name).toList();
  }

  /** The same rows without their target columns. */
  public Table withoutTargets() {
    return new Table(features, List.of());
  }

  /**
   * Keeps the given rows, in this order.
   *
   * @throws IndexOutOfBoundsException if an index is not a row of this table
   */
  public Table select(int[] rowIndices) {
    return new Table(select(features, rowIndices), select(targets, rowIndices));
  }

  private static List<Column> select(List<Column> columns, int[] rowIndices) {
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(
          switch (c) {
            case Column.Numeric n -> {
              float[] v = new float[rowIndices.length];
              for (int i = 0; i < v.length; i++) {
                v[i] = n.values()[rowIndices[i]];
              }
              yield new Column.Numeric(n.name(), v);
            }
            case Column.Categorical k -> {
              int[] v = new int[rowIndices.length];
              for (int i = 0; i < v.length; i++) {
                v[i] = k.codes()[rowIndices[i]];
              }
              yield new Column.Categorical(k.name(), v, k.levels());
            }
          });
    }
    return out;
  }

  /** The table of a numeric dataset: every column numeric, nothing missing. */
  public static Table of(Dataset data) {
    List<Column> features = new ArrayList<>();
    for (int f = 0; f < data.featureCount(); f++) {
      features.add(new Column.Numeric(data.featureNames().get(f), column(data.features(),
          data.featureCount(), f)));
    }
    List<Column> targets = new ArrayList<>();
    for (int t = 0; t < data.targetCount(); t++) {
      targets.add(new Column.Numeric(data.targetNames().get(t), column(data.targets(),
          data.targetCount(), t)));
    }
    return new Table(features, targets);
  }

  private static float[] column(float[] block, int columns, int c) {
    float[] v = new float[block.length / columns];
    for (int r = 0; r < v.length; r++) {
      v[r] = block[r * columns + c];
    }
    return v;
  }

  @Override
  public String toString() {
    return "Table[" + rows + " rows, features " + featureNames() + ", targets " + targetNames()
        + "]";
  }
}
