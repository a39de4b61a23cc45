package org.precond.conformal;

import org.precond.concurrent.Workers;
import org.precond.neighbors.NeighborIndex;
import org.precond.neighbors.Neighbors;

/**
 * Local difficulty of queries from their {@value #NEIGHBORS} nearest training rows in some space:
 * the spread of those rows' values, or their mean distance. A fixed neighbourhood, not the
 * predictor's own, so that a 1-NN predictor still gets a meaningful spread.
 */
public final class DifficultyEstimator {

  static final int NEIGHBORS = 16;

  private final NeighborIndex index;
  private final float[] values;
  private final int outputs;

  /**
   * @param points training rows in the space, row-major {@code n × dimension}
   * @param values their values, row-major {@code n × outputs}
   */
  public DifficultyEstimator(float[] points, int dimension, float[] values, int outputs) {
    this(NeighborIndex.build(points, dimension), values, outputs);
  }

  /**
   * @param index a search whose row numbers index {@code values}
   * @param values the indexed rows' values, row-major {@code rows × outputs}
   */
  public DifficultyEstimator(NeighborIndex index, float[] values, int outputs) {
    this.index = index;
    this.values = values;
    this.outputs = outputs;
  }

  /**
   * Difficulty of each query per output under every kind, indexed by {@link
   * Difficulty#ordinal()}, each row-major {@code queries × outputs} ({@link Difficulty#NONE}: all
   * ones); one search for the queries' nearest rows serves every kind.
   */
  public double[][] estimateAll(float[] queries, Workers workers) {
    int q = queries.length / index.dimension();
    double[][] sigma = new double[Difficulty.values().length][q * outputs];
    java.util.Arrays.fill(sigma[Difficulty.NONE.ordinal()], 1.0);
    double[] spread = sigma[Difficulty.SPREAD.ordinal()];
    double[] distance = sigma[Difficulty.DISTANCE.ordinal()];
    int k = Math.min(NEIGHBORS, index.size());
    Neighbors found = index.search(queries, k, workers);
    workers.forEach(
        q,
        (worker, i) -> {
          double d = meanDistance(found, i, k);
          for (int o = 0; o < outputs; o++) {
            spread[i * outputs + o] = spread(found, i, k, o);
            distance[i * outputs + o] = d;
          }
        });
    return sigma;
  }

  private double spread(Neighbors found, int i, int k, int o) {
    double mean = 0;
    for (int r = 0; r < k; r++) {
      mean += values[found.index(i, r) * outputs + o];
    }
    mean /= k;
    double sum = 0;
    for (int r = 0; r < k; r++) {
      double d = values[found.index(i, r) * outputs + o] - mean;
      sum += d * d;
    }
    return Math.sqrt(sum / k);
  }

  private static double meanDistance(Neighbors found, int i, int k) {
    double sum = 0;
    for (int r = 0; r < k; r++) {
      sum += found.distance(i, r);
    }
    return sum / k;
  }
}
