package org.precond.interpolate;

import java.util.Arrays;
import org.precond.concurrent.Workers;
import org.precond.neighbors.NeighborIndex;
import org.precond.neighbors.Neighbors;

/**
 * A fitted neighbour-based interpolant over training nodes: their coordinates in some space, the
 * values to interpolate (targets, or a network's residuals), and what the method precomputes per
 * node (radii, local gradients). A query lying exactly on nodes gets the mean of their values.
 *
 * <p>When k is not given, {@link #fit} chooses it by leave-one-out error on the nodes themselves.
 */
public final class Interpolant {

  private static final int QUERY_BLOCK = 512;

  private final InterpolantSpec spec;
  private final int dimension;
  private final int outputs;
  private final float[] points;
  private final float[] values;
  private final NodeData nodes;
  private final NeighborIndex index;
  private final double leaveOneOutError;

  private Interpolant(
      InterpolantSpec spec,
      int dimension,
      int outputs,
      float[] points,
      float[] values,
      NodeData nodes,
      NeighborIndex index,
      double leaveOneOutError) {
    this.spec = spec;
    this.dimension = dimension;
    this.outputs = outputs;
    this.points = points;
    this.values = values;
    this.nodes = nodes;
    this.index = index;
    this.leaveOneOutError = leaveOneOutError;
  }

  /**
   * Fits the interpolant to nodes {@code points} ({@code n × dimension}, row-major) with {@code
   * values} ({@code n × outputs}); k is chosen by leave-one-out when the spec leaves it to {@link
   * InterpolantSpec#AUTO}.
   */
  public static Interpolant fit(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      Workers workers) {
    checkNodes(points, dimension, values, outputs);
    return fit(spec, points, dimension, values, outputs, NeighborIndex.build(points, dimension),
        workers);
  }

  /** {@link #fit} searching {@code index}, which indexes {@code points}. */
  public static Interpolant fit(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      NeighborIndex index,
      Workers workers) {
    int n = checkNodes(points, dimension, values, outputs);
    if (index.size() != n || index.dimension() != dimension) {
      throw new IllegalArgumentException("the index does not hold the nodes");
    }
    if (spec.k() == InterpolantSpec.ALL) {
      return new Interpolant(
          spec, dimension, outputs, points, values, NodeData.NONE, index, Double.NaN);
    }
    if (spec.k() != InterpolantSpec.AUTO && !NodeData.neededBy(spec.method())) {
      // Nothing to choose and nothing to precompute: no search of every node's neighbours, which
      // on many nodes would cost more than all the rest of fitting.
      return new Interpolant(spec.withK(Math.min(spec.k(), n - 1)), dimension, outputs, points,
          values, NodeData.NONE, index, Double.NaN);
    }
    int[] ks =
        spec.k() == InterpolantSpec.AUTO
            ? feasible(spec.method().candidateKs(), n)
            : new int[] {Math.min(spec.k(), n - 1)};
    int reach = 0;
    for (int k : ks) {
      reach = Math.max(reach, Math.max(spec.method().reach(k), k + 1));
    }
    Neighbors training = index.searchTraining(Math.min(reach, n - 1), workers);
    Interpolant best = null;
    for (int k : ks) {
      InterpolantSpec withK = spec.withK(k);
      NodeData data = NodeData.compute(withK, points, dimension, values, outputs, training, workers);
      Interpolant candidate =
          new Interpolant(withK, dimension, outputs, points, values, data, index, Double.NaN);
      double error = candidate.leaveOneOut(training, workers);
      if (best == null || error < best.leaveOneOutError) {
        best =
            new Interpolant(withK, dimension, outputs, points, values, data, index, error);
      }
    }
    return best;
  }

  /**
   * Rebuilds a fitted interpolant from its saved parts: {@link #points}, {@link #values}, {@link
   * #radii} and {@link #gradients}.
   */
  public static Interpolant restore(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      float[] radii,
      float[] gradients) {
    return restore(spec, points, dimension, values, outputs, radii, gradients,
        NeighborIndex.build(points, dimension));
  }

  /** {@link #restore} searching {@code index}, which indexes {@code points}. */
  public static Interpolant restore(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      float[] radii,
      float[] gradients,
      NeighborIndex index) {
    if (spec.k() == InterpolantSpec.AUTO) {
      throw new IllegalArgumentException("a fitted interpolant has a definite k");
    }
    if (index.size() != points.length / dimension || index.dimension() != dimension) {
      throw new IllegalArgumentException("the index does not hold the nodes");
    }
    return new Interpolant(
        spec, dimension, outputs, points, values, new NodeData(radii, gradients), index,
        Double.NaN);
  }

  private static int checkNodes(float[] points, int dimension, float[] values, int outputs) {
    int n = points.length / dimension;
    if (n < 2 || points.length != n * dimension || values.length != n * outputs) {
      throw new IllegalArgumentException(
          "an interpolant needs at least two nodes with matching coordinates and values");
    }
    return n;
  }

  private static int[] feasible(int[] candidates, int n) {
    return Arrays.stream(candidates).map(k -> Math.min(k, n - 1)).distinct().toArray();
  }

  /** The spec with k resolved. */
  public InterpolantSpec spec() {
    return spec;
  }

  /** Mean squared leave-one-out error of the chosen k (NaN when k was given). */
  public double leaveOneOutError() {
    return leaveOneOutError;
  }

  public int dimension() {
    return dimension;
  }

  public int outputs() {
    return outputs;
  }

  public float[] points() {
    return points;
  }

  public float[] values() {
    return values;
  }

  /** The search over the nodes. */
  public NeighborIndex index() {
    return index;
  }

  /** Per-node radii (modified and linear Shepard), or null. */
  public float[] radii() {
    return nodes.radii();
  }

  /** Per-node gradients {@code n × dimension × outputs} (linear Shepard), or null. */
  public float[] gradients() {
    return nodes.gradients();
  }

  /** Interpolated values for row-major queries, {@code queries × outputs}. */
  public float[] predict(float[] queries, Workers workers) {
    if (spec.k() == InterpolantSpec.ALL) {
      return globalShepard(queries, workers);
    }
    return neighbors(queries, workers).means();
  }

  /** The nodes each query used, with weights and values. */
  public WeightedNeighbors neighbors(float[] queries, Workers workers) {
    if (spec.k() == InterpolantSpec.ALL) {
      throw new IllegalStateException("global Shepard weighs every node; ask for its means");
    }
    int q = checkQueries(queries);
    int reach = Math.min(spec.method().reach(spec.k()), size());
    Neighbors found = index.search(queries, reach, workers);
    WeightedNeighbors out = new WeightedNeighbors(q, reach, outputs);
    Weigher[] weighers = new Weigher[workers.threads()];
    int blocks = (q + QUERY_BLOCK - 1) / QUERY_BLOCK;
    workers.forEach(
        blocks,
        (worker, b) -> {
          Weigher w = weighers[worker] == null ? weighers[worker] = weigher(reach) : weighers[worker];
          for (int i = b * QUERY_BLOCK, end = Math.min(q, i + QUERY_BLOCK); i < end; i++) {
            w.weigh(queries, i * dimension, found, i, reach, out, i);
          }
        });
    return out;
  }

  /**
   * Weighs neighbours found elsewhere, as {@link #neighbors} weighs those its index finds: for
   * neighbour databases split into shards that no one index holds, whose partial answers are
   * merged before they are weighed. Only k-NN and Shepard over the k nearest qualify: they need
   * nothing of a node but its distance and value.
   *
   * @param distances per query its {@code k} nearest nodes' distances, ascending (ties in the
   *     order of their row numbers), row-major
   * @param values those nodes' values, {@code queries × k × outputs}
   * @return the weights, whose {@link WeightedNeighbors#index} of query i's r-th neighbour is
   *     {@code i * k + r}
   * @throws IllegalArgumentException for another method, or a k-NN over every node
   */
  public static WeightedNeighbors weigh(
      InterpolantSpec spec, int queries, int k, float[] distances, float[] values, int outputs) {
    if ((spec.method() != Method.KNN && spec.method() != Method.SHEPARD)
        || spec.k() == InterpolantSpec.ALL) {
      throw new IllegalArgumentException(
          "only k-NN and Shepard over the k nearest weigh neighbours found elsewhere, not "
              + spec.method());
    }
    if (values.length != queries * k * outputs) {
      throw new IllegalArgumentException("expected " + queries * k * outputs + " values");
    }
    // Each query's neighbours become nodes of their own: node i * k + r is query i's r-th.
    int[] nodes = new int[queries * k];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = i;
    }
    Neighbors found = Neighbors.of(queries, k, nodes, distances);
    WeightedNeighbors out = new WeightedNeighbors(queries, k, outputs);
    Weigher w = new Weigher(spec, null, 0, values, outputs, NodeData.NONE, k);
    for (int i = 0; i < queries; i++) {
      w.weigh(null, 0, found, i, k, out, i);
    }
    return out;
  }

  private int size() {
    return points.length / dimension;
  }

  private int checkQueries(float[] queries) {
    if (queries.length % dimension != 0) {
      throw new IllegalArgumentException(
          "queries have " + queries.length + " values, not a multiple of " + dimension);
    }
    return queries.length / dimension;
  }

  private Weigher weigher(int reach) {
    return new Weigher(spec, points, dimension, values, outputs, nodes, reach);
  }

  /** Mean squared error over nodes and outputs when each node is predicted from the others. */
  private double leaveOneOut(Neighbors training, Workers workers) {
    int n = size();
    int reach = Math.min(spec.method().reach(spec.k()), training.k());
    WeightedNeighbors out = new WeightedNeighbors(n, reach, outputs);
    Weigher[] weighers = new Weigher[workers.threads()];
    int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    workers.forEach(
        blocks,
        (worker, b) -> {
          Weigher w = weighers[worker] == null ? weighers[worker] = weigher(reach) : weighers[worker];
          for (int i = b * QUERY_BLOCK, end = Math.min(n, i + QUERY_BLOCK); i < end; i++) {
            w.weigh(points, i * dimension, training, i, reach, out, i);
          }
        });
    float[] predicted = out.means();
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - values[i];
      sum += d * d;
    }
    return sum / predicted.length;
  }

  /** Shepard over every node: no neighbour search, one pass over the nodes per query. */
  private float[] globalShepard(float[] queries, Workers workers) {
    int q = checkQueries(queries);
    int n = size();
    float[] out = new float[q * outputs];
    double p = spec.power();
    workers.forEach(
        q,
        (worker, i) -> {
          double[] sums = new double[outputs];
          double total = 0;
          int exact = 0;
          double[] exactSums = new double[outputs];
          for (int j = 0; j < n; j++) {
            double d2 = 0;
            for (int c = 0; c < dimension; c++) {
              double diff = queries[i * dimension + c] - points[j * dimension + c];
              d2 += diff * diff;
            }
            if (d2 == 0) {
              exact++;
              for (int o = 0; o < outputs; o++) {
                exactSums[o] += values[j * outputs + o];
              }
            } else if (exact == 0) {
              double w = Math.pow(d2, -p / 2);
              total += w;
              for (int o = 0; o < outputs; o++) {
                sums[o] += w * values[j * outputs + o];
              }
            }
          }
          for (int o = 0; o < outputs; o++) {
            out[i * outputs + o] =
                (float) (exact > 0 ? exactSums[o] / exact : sums[o] / total);
          }
        });
    return out;
  }
}
