package org.precond.linear;

import java.util.Locale;

/**
 * How nearly linear the targets are in an embedding: the R² of a least-squares fit on all its
 * components, and on its first two principal components only.
 *
 * <p>The first figure tests the project's premise directly (the network's output layer is such a
 * fit, so a trained embedding should score close to 1). The second says how much of that survives
 * in the two-dimensional picture drawn of the embedding, where the targets should lie on a plane.
 */
public final class Linearity {

  private final int dimension;
  private final int planeComponents;
  private final double[] embeddingR2;
  private final double[] principalPlaneR2;

  private Linearity(
      int dimension, int planeComponents, double[] embeddingR2, double[] principalPlaneR2) {
    this.dimension = dimension;
    this.planeComponents = planeComponents;
    this.embeddingR2 = embeddingR2;
    this.principalPlaneR2 = principalPlaneR2;
  }

  /**
   * Measures the linearity of targets in an embedding, on the same rows.
   *
   * @param embedding {@code rows × dimension} values, row-major, at least one row
   * @param targets {@code rows × targetCount} values, row-major
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public static Linearity measure(
      float[] embedding, int dimension, float[] targets, int targetCount) {
    double[] embeddingR2 = LinearFit.fit(embedding, dimension, targets, targetCount).r2();
    // A one-dimensional embedding has a single component; its "plane" is that line.
    int planeComponents = Math.min(2, dimension);
    float[] plane =
        PrincipalComponents.fit(embedding, dimension).project(embedding, planeComponents);
    double[] principalPlaneR2 = LinearFit.fit(plane, planeComponents, targets, targetCount).r2();
    return new Linearity(dimension, planeComponents, embeddingR2, principalPlaneR2);
  }

  /** The number of embedding components the first fit used. */
  public int dimension() {
    return dimension;
  }

  /** The number of principal components the second fit used: 2, or 1 for a 1-d embedding. */
  public int planeComponents() {
    return planeComponents;
  }

  public int targetCount() {
    return embeddingR2.length;
  }

  /** R² of one target fitted linearly on all embedding components. */
  public double embeddingR2(int target) {
    return embeddingR2[target];
  }

  /** R² of one target fitted linearly on the first two principal components of the embedding. */
  public double principalPlaneR2(int target) {
    return principalPlaneR2[target];
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("Linearity[")
            .append(dimension)
            .append("-d embedding, ")
            .append(planeComponents)
            .append(" principal components");
    for (int t = 0; t < targetCount(); t++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "; target %d: r2 %.6g, principal plane r2 %.6g",
              t,
              embeddingR2[t],
              principalPlaneR2[t]));
    }
    return sb.append(']').toString();
  }
}
