package org.precond.interpolate;

/** The neighbour-based interpolants; each works in any space of coordinates. */
public enum Method {
  /** k nearest neighbours, uniform or inverse-distance weights. */
  KNN(new int[] {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32}),
  /** Shepard's inverse-distance weighting {@code 1/dᵖ}, over the k nearest or every point. */
  SHEPARD(new int[] {2, 4, 8, 16, 32, 64}),
  /**
   * Modified Shepard (Franke & Nielson; Renka): node i reaches only within its own radius, the
   * distance to its (k+1)-th nearest other node, with weight {@code ((R−d)₊ / (R d))²}.
   */
  MODIFIED_SHEPARD(new int[] {4, 8, 16, 32}),
  /**
   * Linear Shepard (Thacker et al.): modified-Shepard weights blending, instead of node values,
   * local linear functions fitted by weighted least squares over each node's k nearest nodes; the
   * natural partner of an embedding in which the target is nearly linear.
   */
  LINEAR_SHEPARD(new int[] {8, 16, 32, 64}),
  /**
   * Voronoi-mesh weights: node i's weight falls linearly from 1 at the node to 0 at twice the
   * distance, along the ray through the query, to the boundary of its Voronoi cell among the k
   * nearest nodes; in one dimension on a regular grid this is piecewise-linear interpolation.
   */
  VORONOI(new int[] {4, 8, 16, 32}),
  /**
   * Soft nearest neighbours: weights {@code softmax(−d)} over the k nearest, the rule a network
   * trained for its neighbours learns (ModernNCA), whose embedding's own scale sets the
   * temperature; elsewhere the distances' scale is arbitrary and so is the result.
   */
  SOFTMAX(new int[] {4, 8, 16, 24, 32});

  private final int[] candidates;

  Method(int[] candidates) {
    this.candidates = candidates;
  }

  /** The values of k that leave-one-out chooses among when k is not given. */
  int[] candidateKs() {
    return candidates.clone();
  }

  /** How many nearest nodes a query must see for neighbourhood size k. */
  int reach(int k) {
    return this == MODIFIED_SHEPARD || this == LINEAR_SHEPARD ? 2 * k : k;
  }

  /** The name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
