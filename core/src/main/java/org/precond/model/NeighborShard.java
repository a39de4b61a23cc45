package org.precond.model;

import java.io.Serializable;
import java.util.Arrays;
import org.precond.concurrent.Workers;
import org.precond.neighbors.ExactIndex;
import org.precond.neighbors.Neighbors;

/**
 * One shard of a neighbour database too large for one machine: some of its rows, in the space
 * where a predictor measures distances, with their row numbers in the whole database and their
 * values (what a predictor interpolates), searched exactly. Each shard answers a batch of queries
 * with its k nearest rows; {@link Nearest#merge} combines the answers of several shards into the
 * answer of one exact search over all their rows: the same rows and distances, ties to the lower
 * row number, as every exact index gives.
 */
public final class NeighborShard {

  private final ExactIndex index;
  private final long[] rows;
  private final int dimension;
  private final float[] values;
  private final int outputs;

  /**
   * @param points the shard's rows, row-major, {@code dimension} coordinates each (copied)
   * @param rows their row numbers in the whole database, ascending
   * @param values their values, row-major, {@code outputs} each
   */
  public NeighborShard(float[] points, int dimension, long[] rows, float[] values, int outputs) {
    if (rows.length == 0 || points.length != (long) rows.length * dimension
        || values.length != (long) rows.length * outputs) {
      throw new IllegalArgumentException(
          "a shard needs rows with " + dimension + " coordinates and " + outputs + " values");
    }
    for (int i = 1; i < rows.length; i++) {
      // The index breaks ties by position; ascending row numbers make that the lower row.
      if (rows[i] <= rows[i - 1]) {
        throw new IllegalArgumentException("a shard's row numbers must ascend");
      }
    }
    this.index = new ExactIndex(points, dimension);
    this.rows = rows.clone();
    this.dimension = dimension;
    this.values = values.clone();
    this.outputs = outputs;
  }

  public int size() {
    return rows.length;
  }

  /** The {@code k} nearest of its rows (all, when it has fewer) to each query, row-major. */
  public Nearest search(float[] queries, int k) {
    if (queries.length % dimension != 0) {
      throw new IllegalArgumentException(
          "queries have " + queries.length + " values, not a multiple of " + dimension);
    }
    int q = queries.length / dimension;
    int found = Math.min(k, rows.length);
    Neighbors n;
    // One thread: a shard is one task of many, which run side by side.
    try (Workers workers = new Workers(1)) {
      n = index.search(queries, found, workers);
    }
    long[] ids = new long[q * found];
    float[] distances = new float[q * found];
    float[] near = new float[q * found * outputs];
    for (int i = 0; i < q; i++) {
      for (int r = 0; r < found; r++) {
        int node = n.index(i, r);
        ids[i * found + r] = rows[node];
        distances[i * found + r] = n.distance(i, r);
        System.arraycopy(values, node * outputs, near, (i * found + r) * outputs, outputs);
      }
    }
    return new Nearest(q, found, outputs, ids, distances, near);
  }

  /**
   * Per query its {@code k} nearest rows, ascending by distance and then by row number: row
   * numbers and distances, row-major {@code queries × k}, and their values, {@code queries × k ×
   * outputs}.
   */
  public record Nearest(
      int queries, int k, int outputs, long[] rows, float[] distances, float[] values)
      implements Serializable {

    public Nearest {
      if (rows.length != queries * k || distances.length != queries * k
          || values.length != queries * k * outputs) {
        throw new IllegalArgumentException("expected " + queries + " × " + k + " neighbours");
      }
    }

    public long row(int query, int rank) {
      return rows[query * k + rank];
    }

    public float distance(int query, int rank) {
      return distances[query * k + rank];
    }

    /** The first {@code count} of each query's rows (all, when it has fewer). */
    public Nearest first(int count) {
      int width = Math.min(count, k);
      long[] ids = new long[queries * width];
      float[] d = new float[queries * width];
      float[] v = new float[queries * width * outputs];
      for (int q = 0; q < queries; q++) {
        System.arraycopy(rows, q * k, ids, q * width, width);
        System.arraycopy(distances, q * k, d, q * width, width);
        System.arraycopy(values, q * k * outputs, v, q * width * outputs, width * outputs);
      }
      return new Nearest(queries, width, outputs, ids, d, v);
    }

    /**
     * The {@code k} nearest of the rows in {@code a} and {@code b}, answers of disjoint shards
     * for the same queries: what one search over both shards' rows finds.
     */
    public static Nearest merge(Nearest a, Nearest b, int k) {
      if (a.queries != b.queries || a.outputs != b.outputs) {
        throw new IllegalArgumentException("the answers are for different queries");
      }
      int m = a.outputs;
      int width = Math.min(k, a.k + b.k);
      long[] ids = new long[a.queries * width];
      float[] distances = new float[a.queries * width];
      float[] values = new float[a.queries * width * m];
      for (int q = 0; q < a.queries; q++) {
        int i = 0;
        int j = 0;
        for (int r = 0; r < width; r++) {
          boolean fromA = j >= b.k || (i < a.k && before(a, q, i, b, q, j));
          Nearest from = fromA ? a : b;
          int at = fromA ? i++ : j++;
          ids[q * width + r] = from.row(q, at);
          distances[q * width + r] = from.distance(q, at);
          System.arraycopy(from.values, (q * from.k + at) * m, values, (q * width + r) * m, m);
        }
      }
      return new Nearest(a.queries, width, m, ids, distances, values);
    }

    private static boolean before(Nearest a, int qa, int i, Nearest b, int qb, int j) {
      int byDistance = Float.compare(a.distance(qa, i), b.distance(qb, j));
      return byDistance < 0 || (byDistance == 0 && a.row(qa, i) < b.row(qb, j));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Nearest n && n.queries == queries && n.k == k
          && n.outputs == outputs && Arrays.equals(n.rows, rows)
          && Arrays.equals(n.distances, distances) && Arrays.equals(n.values, values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(rows) + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
      return "Nearest[" + queries + " queries × " + k + "]";
    }
  }
}
