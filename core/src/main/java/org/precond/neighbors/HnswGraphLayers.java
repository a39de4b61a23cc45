package org.precond.neighbors;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A finished HNSW graph, frozen into flat arrays: per layer the nodes on it (ascending; the bottom
 * layer holds every node) and each one's neighbours, back to back. Compact, safe to share between
 * threads (each searches through its own {@link Cursor}) and plain enough to store in a model file.
 */
final class HnswGraphLayers {

  private final int size;
  private final int entry;
  /** Per layer above the bottom one, its nodes ascending; {@code null} for the bottom layer. */
  private final int[][] nodes;
  /** Per layer, where each of its nodes' neighbours start in {@link #neighbors}, and end. */
  private final int[][] starts;
  private final int[][] neighbors;

  private HnswGraphLayers(int size, int entry, int[][] nodes, int[][] starts, int[][] neighbors) {
    this.size = size;
    this.entry = entry;
    this.nodes = nodes;
    this.starts = starts;
    this.neighbors = neighbors;
  }

  /** Freezes a graph Lucene has finished building. */
  static HnswGraphLayers of(OnHeapHnswGraph graph) throws IOException {
    int levels = graph.numLevels();
    int size = graph.size();
    int[][] nodes = new int[levels][];
    int[][] starts = new int[levels][];
    int[][] neighbors = new int[levels][];
    for (int level = 0; level < levels; level++) {
      int[] onLevel;
      if (level == 0) {
        onLevel = new int[size];
        Arrays.setAll(onLevel, i -> i);
      } else {
        HnswGraph.NodesIterator it = graph.getNodesOnLevel(level);
        onLevel = new int[it.size()];
        for (int i = 0; i < onLevel.length; i++) {
          onLevel[i] = it.nextInt();
        }
        Arrays.sort(onLevel);
        nodes[level] = onLevel;
      }
      int[] start = new int[onLevel.length + 1];
      for (int i = 0; i < onLevel.length; i++) {
        start[i + 1] = start[i] + graph.getNeighbors(level, onLevel[i]).size();
      }
      int[] out = new int[start[onLevel.length]];
      for (int i = 0; i < onLevel.length; i++) {
        NeighborArray list = graph.getNeighbors(level, onLevel[i]);
        System.arraycopy(list.nodes(), 0, out, start[i], list.size());
      }
      starts[level] = start;
      neighbors[level] = out;
    }
    return new HnswGraphLayers(size, graph.entryNode(), nodes, starts, neighbors);
  }

  /**
   * The graph as arrays: first {@code {size, entry node}}, then per layer its nodes (empty for the
   * bottom layer), the starts of their neighbour lists and the lists.
   */
  int[][] toArrays() {
    int levels = starts.length;
    int[][] out = new int[1 + 3 * levels][];
    out[0] = new int[] {size, entry};
    for (int level = 0; level < levels; level++) {
      out[1 + 3 * level] = level == 0 ? new int[0] : nodes[level];
      out[2 + 3 * level] = starts[level];
      out[3 + 3 * level] = neighbors[level];
    }
    return out;
  }

  /**
   * The graph from {@link #toArrays}, checked against the {@code size} points it links.
   *
   * @throws IllegalArgumentException when the arrays are not such a graph
   */
  static HnswGraphLayers fromArrays(int[][] arrays, int size) {
    if (arrays.length < 4 || (arrays.length - 1) % 3 != 0 || arrays[0].length != 2
        || arrays[0][0] != size) {
      throw new IllegalArgumentException("not an HNSW graph over " + size + " points");
    }
    int levels = (arrays.length - 1) / 3;
    int entry = arrays[0][1];
    int[][] nodes = new int[levels][];
    int[][] starts = new int[levels][];
    int[][] neighbors = new int[levels][];
    for (int level = 0; level < levels; level++) {
      int[] onLevel = arrays[1 + 3 * level];
      int count = level == 0 ? size : onLevel.length;
      int[] start = arrays[2 + 3 * level];
      int[] list = arrays[3 + 3 * level];
      boolean valid = start.length == count + 1 && start[0] == 0 && start[count] == list.length;
      for (int i = 0; valid && i < count; i++) {
        valid = start[i] <= start[i + 1]
            && (level == 0 || (onLevel[i] >= 0 && onLevel[i] < size
                && (i == 0 || onLevel[i] > onLevel[i - 1])));
      }
      // A search seeks every neighbour on the same layer, and starts from the entry on the top one.
      for (int i = 0; valid && i < list.length; i++) {
        valid = level == 0 ? list[i] >= 0 && list[i] < size
            : Arrays.binarySearch(onLevel, list[i]) >= 0;
      }
      boolean top = level == levels - 1;
      if (!valid || entry < 0 || entry >= size
          || (top && level > 0 && Arrays.binarySearch(onLevel, entry) < 0)) {
        throw new IllegalArgumentException("HNSW graph layer " + level + " is inconsistent");
      }
      nodes[level] = level == 0 ? null : onLevel;
      starts[level] = start;
      neighbors[level] = list;
    }
    return new HnswGraphLayers(size, entry, nodes, starts, neighbors);
  }

  /** A view for one thread's searches: Lucene's graph walks through a seek-then-iterate cursor. */
  Cursor cursor() {
    return new Cursor();
  }

  final class Cursor extends HnswGraph {
    private int[] list;
    private int next;
    private int end;
    private int count;

    @Override
    public void seek(int level, int target) {
      int i = level == 0 ? target : Arrays.binarySearch(nodes[level], target);
      list = neighbors[level];
      next = starts[level][i];
      end = starts[level][i + 1];
      count = end - next;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int nextNeighbor() {
      return next < end ? list[next++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int numLevels() {
      return starts.length;
    }

    @Override
    public int maxConn() {
      return HnswIndex.MAX_CONNECTIONS;
    }

    @Override
    public int entryNode() {
      return entry;
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      return level == 0
          ? new HnswGraph.DenseNodesIterator(size)
          : new HnswGraph.ArrayNodesIterator(nodes[level], nodes[level].length);
    }

    @Override
    public int neighborCount() {
      return count;
    }
  }
}
