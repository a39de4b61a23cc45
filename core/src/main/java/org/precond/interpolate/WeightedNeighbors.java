package org.precond.interpolate;

/**
 * What an interpolant made of each query: the training nodes it used, with their distances,
 * normalised weights and the values they contributed (the node's target, or for linear Shepard the
 * node's local linear function at the query). The prediction is the weighted mean of the values;
 * the weighted values themselves are a predictive distribution.
 */
public final class WeightedNeighbors {

  private final int queries;
  final int width;
  private final int outputs;
  final int[] count;
  final int[] index;
  final float[] distance;
  final double[] weight;
  final float[] value;

  WeightedNeighbors(int queries, int width, int outputs) {
    this.queries = queries;
    this.width = width;
    this.outputs = outputs;
    this.count = new int[queries];
    this.index = new int[queries * width];
    this.distance = new float[queries * width];
    this.weight = new double[queries * width];
    this.value = new float[queries * width * outputs];
  }

  public int queries() {
    return queries;
  }

  public int outputs() {
    return outputs;
  }

  /** How many nodes the query used (some may have weight 0). */
  public int count(int query) {
    return count[query];
  }

  /** Training row of the query's {@code rank}-th nearest node. */
  public int index(int query, int rank) {
    return index[query * width + rank];
  }

  public float distance(int query, int rank) {
    return distance[query * width + rank];
  }

  /** Normalised weight: the weights of one query add up to 1. */
  public double weight(int query, int rank) {
    return weight[query * width + rank];
  }

  public float value(int query, int rank, int output) {
    return value[(query * width + rank) * outputs + output];
  }

  /** The weighted mean of each query's values, row-major {@code queries × outputs}. */
  public float[] means() {
    float[] out = new float[queries * outputs];
    for (int q = 0; q < queries; q++) {
      for (int o = 0; o < outputs; o++) {
        double sum = 0;
        for (int r = 0; r < count[q]; r++) {
          sum += weight[q * width + r] * value[(q * width + r) * outputs + o];
        }
        out[q * outputs + o] = (float) sum;
      }
    }
    return out;
  }
}
