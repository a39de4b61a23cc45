package org.precond.neighbors;

/** Which {@link NeighborIndex} {@link NeighborIndex#build} makes. */
public enum IndexType {
  /**
   * {@link #TREE} up to {@link NeighborIndex#TREE_MAX_DIMENSION} dimensions (one more from {@link
   * NeighborIndex#LARGE} points on), {@link #EXACT} above: the faster of the two as measured by
   * the bench module.
   */
  AUTO,
  /** {@link ExactIndex}: brute force at matrix-product speed; the choice above a few dimensions. */
  EXACT,
  /** {@link KdTree}: prunes whole regions; the choice in low dimension. */
  TREE,
  /**
   * {@link HnswIndex}: approximate, a graph walked from a few entry points; slow to build, but
   * its searches do not grow with the points like the brute force's do.
   */
  HNSW;

  /** The name used on the command line and in model files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
