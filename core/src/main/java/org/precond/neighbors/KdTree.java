package org.precond.neighbors;

import org.precond.kernel.Kernels;

/**
 * Exact k-nearest-neighbour search in a k-d tree: median splits on the coordinate of widest
 * spread, a tight bounding box per node, and depth-first search nearer child first, skipping
 * every node whose box is farther than the k-th neighbour found so far. Wins over {@link
 * ExactIndex} in low dimension, and returns exactly its results.
 *
 * <p>The bound on a node is the squared distance to the point of its box nearest the query,
 * computed by {@link IndexedPoints#squaredDistance} like every other: rounding is monotone, so it
 * never exceeds the computed squared distance of any point inside, and a node is skipped only
 * when every distance in it would round above the k-th best: ties are never lost.
 */
public final class KdTree extends BlockedSearch<KdTree.Search> {

  /** Points per leaf: 8 to 32 time alike, from 4 to 8 dimensions. */
  private static final int LEAF_SIZE = 16;

  /** The points in leaf order, row-major, so that a leaf is one contiguous run. */
  private final float[] sorted;
  /** The row number of each point of {@link #sorted}. */
  private final int[] ids;
  /** Node {@code i} has children {@code 2i + 1} and {@code 2i + 2}; leaves are the last level. */
  private final int firstLeaf;
  private final int[] starts;
  private final int[] ends;
  /** Per node, its box: {@code d} lower then {@code d} upper corners. */
  private final float[] boxes;

  /** Indexes {@code points}, row-major with {@code dimension} coordinates each (copied). */
  public KdTree(float[] points, int dimension) {
    this(points, dimension, true);
  }

  /** @param copy whether to copy {@code points}; without, the caller never changes them */
  KdTree(float[] points, int dimension, boolean copy) {
    super(new IndexedPoints(points, dimension, Kernels.get(), copy));
    int n = this.points.size;
    int d = dimension;
    int levels = 0;
    while ((n + (1 << levels) - 1) >> levels > LEAF_SIZE) {
      levels++;
    }
    int nodes = (1 << (levels + 1)) - 1;
    this.firstLeaf = (1 << levels) - 1;
    this.starts = new int[nodes];
    this.ends = new int[nodes];
    this.boxes = new float[nodes * 2 * d];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    starts[0] = 0;
    ends[0] = n;
    for (int node = 0; node < nodes; node++) {
      int lo = starts[node];
      int hi = ends[node];
      int widest = fitBox(order, lo, hi, node);
      if (node < firstLeaf) {
        int mid = (lo + hi) >>> 1;
        if (hi - lo > 1) {
          select(order, lo, hi - 1, mid, widest);
        }
        starts[2 * node + 1] = lo;
        ends[2 * node + 1] = mid;
        starts[2 * node + 2] = mid;
        ends[2 * node + 2] = hi;
      }
    }
    this.ids = order;
    this.sorted = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(this.points.rows, order[i] * d, sorted, i * d, d);
    }
  }

  /** Sets the node's box to that of its points and returns the coordinate of widest spread. */
  private int fitBox(int[] order, int lo, int hi, int node) {
    int d = points.dimension;
    float[] rows = points.rows;
    int box = node * 2 * d;
    for (int k = 0; k < d; k++) {
      boxes[box + k] = Float.POSITIVE_INFINITY;
      boxes[box + d + k] = Float.NEGATIVE_INFINITY;
    }
    for (int i = lo; i < hi; i++) {
      int row = order[i] * d;
      for (int k = 0; k < d; k++) {
        float v = rows[row + k];
        boxes[box + k] = Math.min(boxes[box + k], v);
        boxes[box + d + k] = Math.max(boxes[box + d + k], v);
      }
    }
    int widest = 0;
    float spread = -1f;
    for (int k = 0; k < d; k++) {
      float s = boxes[box + d + k] - boxes[box + k];
      if (s > spread) {
        spread = s;
        widest = k;
      }
    }
    return widest;
  }

  /**
   * Rearranges {@code order[lo..hi]} so that position {@code nth} holds the point that a sort by
   * coordinate {@code k} would put there, smaller-or-equal ones before it and larger-or-equal
   * after (quickselect, Hoare partition, which also splits runs of equal coordinates evenly).
   */
  private void select(int[] order, int lo, int hi, int nth, int k) {
    float[] rows = points.rows;
    int d = points.dimension;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      float a = rows[order[lo] * d + k];
      float b = rows[order[mid] * d + k];
      float c = rows[order[hi] * d + k];
      float pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (rows[order[i] * d + k] < pivot) {
          i++;
        }
        while (rows[order[j] * d + k] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (nth <= j) {
        hi = j;
      } else if (nth >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  @Override
  Search scratch(int k) {
    return new Search(k);
  }

  @Override
  void searchBlock(
      float[] queries, int from, int to, int k, boolean excludeSelf, Search s, Neighbors out) {
    for (int q = from; q < to; q++) {
      s.run(queries, q, excludeSelf ? q : -1);
      s.best.drainAscending(out.indices, out.distances, q * k);
    }
  }

  /** One worker's search state: the k best so far and a stack of deferred nodes. */
  final class Search {
    final TopK best;
    final int[] nodes = new int[64];
    final float[] bounds = new float[64];
    final float[] nearest = new float[points.dimension];
    /**
     * Squared distances at or above this are strictly out of reach: their square roots round
     * above the k-th best distance. Infinite until there are k.
     */
    double limit;

    Search(int k) {
      best = new TopK(k);
    }

    void run(float[] queries, int q, int exclude) {
      int d = points.dimension;
      int qOff = q * d;
      best.clear();
      limit = Double.POSITIVE_INFINITY;
      int depth = 0;
      nodes[depth] = 0;
      bounds[depth] = 0f;
      depth++;
      while (depth > 0) {
        depth--;
        int node = nodes[depth];
        if (bounds[depth] >= limit) {
          continue;
        }
        while (node < firstLeaf) {
          int left = 2 * node + 1;
          float toLeft = boxDistance(queries, qOff, left);
          float toRight = boxDistance(queries, qOff, left + 1);
          int near = toLeft <= toRight ? left : left + 1;
          float toFar = Math.max(toLeft, toRight);
          if (toFar < limit) {
            nodes[depth] = near == left ? left + 1 : left;
            bounds[depth] = toFar;
            depth++;
          }
          if (Math.min(toLeft, toRight) >= limit) {
            node = -1;
            break;
          }
          node = near;
        }
        if (node >= 0) {
          scanLeaf(queries, qOff, node, exclude);
        }
      }
    }

    private void scanLeaf(float[] queries, int qOff, int leaf, int exclude) {
      int d = points.dimension;
      for (int i = starts[leaf], end = ends[leaf]; i < end; i++) {
        float squared = points.squaredDistance(queries, qOff, sorted, i * d);
        int id = ids[i];
        if (squared < limit && id != exclude) {
          best.offer((float) Math.sqrt(squared), id);
          if (best.full()) {
            // Exact in double: the square of a float needs 48 bits.
            double next = Math.nextUp(best.worstKey());
            limit = next * next;
          }
        }
      }
    }

    /**
     * A lower bound on the squared distance from the query to any point in the node's box: that
     * to the box's point nearest the query, by the very function that measures the points.
     */
    private float boxDistance(float[] queries, int qOff, int node) {
      int d = points.dimension;
      int box = node * 2 * d;
      for (int k = 0; k < d; k++) {
        nearest[k] = Math.min(Math.max(queries[qOff + k], boxes[box + k]), boxes[box + d + k]);
      }
      return points.squaredDistance(queries, qOff, nearest, 0);
    }
  }
}
