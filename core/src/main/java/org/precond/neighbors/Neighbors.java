package org.precond.neighbors;

import java.util.Objects;

/**
 * The k nearest indexed points of each query in a batch: their row numbers and Euclidean
 * distances, ascending by distance with ties broken by the lower row number, so that a search
 * gives the same answer whatever index or thread count ran it.
 */
public final class Neighbors {

  private final int queries;
  private final int k;
  final int[] indices;
  final float[] distances;

  Neighbors(int queries, int k) {
    this.queries = queries;
    this.k = k;
    this.indices = new int[queries * k];
    this.distances = new float[queries * k];
  }

  /**
   * Neighbours found by some other search (shards of a database that no one index holds): per
   * query {@code k} row numbers and distances, row-major, in the order of this class.
   */
  public static Neighbors of(int queries, int k, int[] indices, float[] distances) {
    if (indices.length != queries * k || distances.length != queries * k) {
      throw new IllegalArgumentException("expected " + queries + " × " + k + " neighbours");
    }
    Neighbors n = new Neighbors(queries, k);
    System.arraycopy(indices, 0, n.indices, 0, indices.length);
    System.arraycopy(distances, 0, n.distances, 0, distances.length);
    return n;
  }

  /** How many queries were searched. */
  public int queries() {
    return queries;
  }

  /** Neighbours per query. */
  public int k() {
    return k;
  }

  /** The row number of the {@code rank}-th nearest point (0 = nearest) of {@code query}. */
  public int index(int query, int rank) {
    return indices[at(query, rank)];
  }

  /** The Euclidean distance from {@code query} to its {@code rank}-th nearest point. */
  public float distance(int query, int rank) {
    return distances[at(query, rank)];
  }

  private int at(int query, int rank) {
    Objects.checkIndex(query, queries);
    Objects.checkIndex(rank, k);
    return query * k + rank;
  }
}
