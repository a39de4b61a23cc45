package org.precond.conformal;

import java.util.function.IntToDoubleFunction;
import org.precond.concurrent.Workers;
import org.precond.neighbors.NeighborIndex;
import org.precond.neighbors.Neighbors;

/**
 * Local difficulty of queries from their {@value #NEIGHBORS} nearest training rows in some space:
 * the spread of those rows' values, or their mean distance. A fixed neighbourhood, not the
 * predictor's own, so that a 1-NN predictor still gets a meaningful spread.
 */
public final class DifficultyEstimator {

  /** How many nearest rows a query's difficulty is measured on. */
  public static final int NEIGHBORS = 16;

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
    double[][] sigma = empty(q, outputs);
    int k = Math.min(NEIGHBORS, index.size());
    Neighbors found = index.search(queries, k, workers);
    workers.forEach(
        q,
        (worker, i) -> measure(i, k, r -> found.distance(i, r),
            (r, o) -> values[found.index(i, r) * outputs + o], outputs, sigma));
    return sigma;
  }

  /**
   * {@link #estimateAll(float[], Workers)} for queries whose nearest rows were found elsewhere,
   * such as in the shards of a neighbour database that no one index holds.
   *
   * @param k how many nearest rows each query has: {@value #NEIGHBORS}, or all rows when there
   *     are fewer
   * @param distances per query its k nearest rows' distances, ascending, row-major
   * @param values those rows' values, {@code queries × k × outputs}
   */
  public static double[][] estimateAll(
      int queries, int k, float[] distances, float[] values, int outputs) {
    if (distances.length != queries * k || values.length != queries * k * outputs) {
      throw new IllegalArgumentException("expected " + queries + " × " + k + " neighbours");
    }
    double[][] sigma = empty(queries, outputs);
    for (int i = 0; i < queries; i++) {
      int base = i * k;
      measure(i, k, r -> distances[base + r], (r, o) -> values[(base + r) * outputs + o],
          outputs, sigma);
    }
    return sigma;
  }

  /** Per kind a block {@code queries × outputs}, {@link Difficulty#NONE}'s all ones. */
  private static double[][] empty(int queries, int outputs) {
    double[][] sigma = new double[Difficulty.values().length][queries * outputs];
    java.util.Arrays.fill(sigma[Difficulty.NONE.ordinal()], 1.0);
    return sigma;
  }

  /** The value of a query's {@code rank}-th nearest row for output {@code o}. */
  @FunctionalInterface
  private interface NeighborValue {
    float at(int rank, int o);
  }

  /** Query {@code i}'s difficulties under every kind from its {@code k} nearest rows. */
  private static void measure(int i, int k, IntToDoubleFunction distance, NeighborValue value,
      int outputs, double[][] sigma) {
    double[] spread = sigma[Difficulty.SPREAD.ordinal()];
    double[] near = sigma[Difficulty.DISTANCE.ordinal()];
    double sum = 0;
    for (int r = 0; r < k; r++) {
      sum += distance.applyAsDouble(r);
    }
    double d = sum / k;
    for (int o = 0; o < outputs; o++) {
      spread[i * outputs + o] = spread(value, k, o);
      near[i * outputs + o] = d;
    }
  }

  private static double spread(NeighborValue value, int k, int o) {
    double mean = 0;
    for (int r = 0; r < k; r++) {
      mean += value.at(r, o);
    }
    mean /= k;
    double sum = 0;
    for (int r = 0; r < k; r++) {
      double d = value.at(r, o) - mean;
      sum += d * d;
    }
    return Math.sqrt(sum / k);
  }
}
