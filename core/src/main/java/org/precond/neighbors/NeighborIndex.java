package org.precond.neighbors;

import java.util.Objects;
import java.util.function.IntConsumer;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

/**
 * k-nearest-neighbour search over n points of dimension d (float32, Euclidean). Every exact
 * implementation returns the same {@link Neighbors} for the same points and queries: ascending by
 * distance, ties broken by the lower row number, whatever the thread count. {@link HnswIndex} is
 * approximate: it may miss some, but orders what it finds by the same rules, and it too answers
 * the same whatever the thread count.
 */
public interface NeighborIndex {

  /**
   * Highest dimension for which {@link IndexType#AUTO} picks {@link KdTree}, one more from {@link
   * #LARGE} points on. The bench module's {@code NeighborCrossover} (10,000 Gaussian queries, k =
   * 10) has the tree ahead up to 4 dimensions at 10,000 points, up to 5 clearly and 6 barely at
   * 100,000; beyond, the brute force pulls away fast.
   */
  int TREE_MAX_DIMENSION = 4;

  /** From this many points on, {@link IndexType#AUTO} picks the tree one dimension higher. */
  int LARGE = 50_000;

  /** How many points are indexed. */
  int size();

  /** Coordinates per point. */
  int dimension();

  /**
   * The {@code k} nearest indexed points of each row of {@code queries} (row-major, {@link
   * #dimension} values per query); {@code k} may not exceed {@link #size}.
   */
  Neighbors search(float[] queries, int k, Workers workers);

  /**
   * The {@code k} nearest other indexed points of each indexed point, query {@code i} being row
   * {@code i} with row {@code i} itself left out (its duplicates are not): what leave-one-out
   * needs. {@code k} may not exceed {@code size() − 1}.
   */
  Neighbors searchTraining(int k, Workers workers);

  /**
   * Indexes {@code points}, row-major with {@code dimension} coordinates each, as {@link
   * #build(float[], int, IndexType, long, IntConsumer)} does with seed 0.
   */
  static NeighborIndex build(float[] points, int dimension, IndexType type) {
    return build(points, dimension, type, 0, done -> {});
  }

  /**
   * Indexes {@code points}, row-major with {@code dimension} coordinates each, kept as they are,
   * not copied (a model's nodes are large), so they must not change. An {@link IndexType#HNSW}
   * graph is built from {@code seed}, telling {@code progress} how many points it holds so far.
   */
  static NeighborIndex build(
      float[] points, int dimension, IndexType type, long seed, IntConsumer progress) {
    Objects.requireNonNull(points, "points");
    return switch (type) {
      case EXACT -> new ExactIndex(points, dimension, Kernels.get(), false);
      case TREE -> new KdTree(points, dimension, false);
      case HNSW -> new HnswIndex(points, dimension, seed, progress);
      case AUTO -> {
        int size = dimension < 1 ? 0 : points.length / dimension;
        int treeMax = TREE_MAX_DIMENSION + (size >= LARGE ? 1 : 0);
        yield dimension <= treeMax
            ? new KdTree(points, dimension, false)
            : new ExactIndex(points, dimension, Kernels.get(), false);
      }
    };
  }

  /** {@link #build} with {@link IndexType#AUTO}. */
  static NeighborIndex build(float[] points, int dimension) {
    return build(points, dimension, IndexType.AUTO);
  }
}
