package org.precond.spark;

import java.io.Serializable;
import org.precond.model.NeighborShard;

/**
 * One partition's share of a sharded model's neighbour database, as it is kept by Spark and
 * saved (one file per shard): its rows in the network's embedding, their row numbers in the
 * fitted DataFrame, ascending, and their standardised targets. The exact index over them is
 * built where the shard is searched, once per deserialised copy.
 */
final class Shard implements Serializable {

  private static final long serialVersionUID = 1L;

  private final float[] points;
  private final int dimension;
  private final long[] rows;
  private final float[] values;
  private final int outputs;
  private transient NeighborShard index;

  Shard(float[] points, int dimension, long[] rows, float[] values, int outputs) {
    this.points = points;
    this.dimension = dimension;
    this.rows = rows;
    this.values = values;
    this.outputs = outputs;
  }

  int size() {
    return rows.length;
  }

  /** Its rows' numbers in the fitted DataFrame, ascending. */
  long[] rows() {
    return rows.clone();
  }

  /** The {@code k} nearest of its rows to each query. */
  synchronized NeighborShard.Nearest search(float[] queries, int k) {
    if (index == null) {
      index = new NeighborShard(points, dimension, rows, values, outputs);
    }
    return index.search(queries, k);
  }
}
