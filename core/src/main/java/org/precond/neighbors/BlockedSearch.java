package org.precond.neighbors;

import org.precond.concurrent.Workers;

/**
 * What the indexes share: the checked points, the two searches of {@link NeighborIndex}, and the
 * parallel loop over blocks of queries in which each worker keeps scratch space of type {@code S}.
 * A query's result depends on the query alone, so the thread count never changes it.
 */
abstract class BlockedSearch<S> implements NeighborIndex {

  /** Queries per work item: enough to amortise handing out the item. */
  static final int QUERY_BLOCK = 64;

  final IndexedPoints points;

  BlockedSearch(IndexedPoints points) {
    this.points = points;
  }

  @Override
  public final int size() {
    return points.size;
  }

  @Override
  public final int dimension() {
    return points.dimension;
  }

  @Override
  public final Neighbors search(float[] queries, int k, Workers workers) {
    int count = points.checkQueries(queries);
    IndexedPoints.checkK(k, points.size, "indexed points");
    return run(queries, count, k, false, workers);
  }

  @Override
  public final Neighbors searchTraining(int k, Workers workers) {
    IndexedPoints.checkK(k, points.size - 1, "other indexed points");
    return run(points.rows, points.size, k, true, workers);
  }

  /** One worker's scratch space for searches of {@code k} neighbours. */
  abstract S scratch(int k);

  /**
   * Writes the rows {@code [from, to)} of {@code out} for the same rows of {@code queries}; with
   * {@code excludeSelf} query {@code q} is indexed row {@code q}, which is left out.
   */
  abstract void searchBlock(
      float[] queries, int from, int to, int k, boolean excludeSelf, S scratch, Neighbors out);

  private Neighbors run(float[] queries, int count, int k, boolean excludeSelf, Workers workers) {
    Neighbors out = new Neighbors(count, k);
    Object[] scratch = new Object[workers.threads()];
    workers.forEach(
        (count + QUERY_BLOCK - 1) / QUERY_BLOCK,
        (worker, item) -> {
          if (scratch[worker] == null) {
            scratch[worker] = scratch(k);
          }
          @SuppressWarnings("unchecked")
          S mine = (S) scratch[worker];
          int from = item * QUERY_BLOCK;
          searchBlock(
              queries, from, Math.min(count, from + QUERY_BLOCK), k, excludeSelf, mine, out);
        });
    return out;
  }
}
