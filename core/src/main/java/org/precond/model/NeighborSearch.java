package org.precond.model;

import java.util.Locale;

/** How a model searches its training rows for the neighbours of the rows it predicts. */
public enum NeighborSearch {
  /**
   * {@link #EXACT} for fewer than {@link Regressor#HNSW_FROM} training rows, {@link #HNSW} from
   * there on, where building the graph once costs less than searching exactly for every row
   * predicted.
   */
  AUTO,
  /** Every neighbour found for sure: brute force, or a k-d tree in low dimension. */
  EXACT,
  /**
   * A navigable small-world graph (Lucene's HNSW), built when the model is fitted and stored in
   * its file: searches that hardly grow with the training rows, which may miss a few neighbours.
   */
  HNSW;

  /** The name used on the command line and in model files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@link #EXACT} or {@link #HNSW}: what {@link #AUTO} means for {@code rows} training rows. */
  NeighborSearch resolve(int rows) {
    if (this != AUTO) {
      return this;
    }
    return rows >= Regressor.HNSW_FROM ? HNSW : EXACT;
  }
}
