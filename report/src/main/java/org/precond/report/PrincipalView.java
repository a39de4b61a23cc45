package org.precond.report;

import org.precond.linear.LinearFit;
import org.precond.linear.Linearity;
import org.precond.linear.PrincipalComponents;
import org.precond.model.PrecondModel;
import org.precond.model.RowPass;
import org.precond.space.Space;

/**
 * The training rows in one space, seen on the space's first two principal components with a target
 * as the third axis. Where the target is linear in the space the points lie on a plane; the
 * linearity figures say how nearly.
 *
 * <p>Components and figures come from every training row; the points drawn are a random sample
 * of at most the requested number.
 */
public final class PrincipalView {

  private final Space space;
  private final int dimension;
  private final String targetName;
  private final float[] first;
  private final float[] second;
  private final float[] target;
  private final double[] varianceRatio;
  private final Linearity linearity;
  private final int targetIndex;
  private final double[] plane;

  private PrincipalView(
      Space space,
      int dimension,
      String targetName,
      int targetIndex,
      float[] first,
      float[] second,
      float[] target,
      double[] varianceRatio,
      Linearity linearity,
      double[] plane) {
    this.space = space;
    this.dimension = dimension;
    this.targetName = targetName;
    this.targetIndex = targetIndex;
    this.first = first;
    this.second = second;
    this.target = target;
    this.varianceRatio = varianceRatio;
    this.linearity = linearity;
    this.plane = plane;
  }

  /** The view of a model's training rows in {@code space}, showing target column {@code target}. */
  public static PrincipalView of(
      PrecondModel model, RowPass training, Space space, int target, int maxPoints) {
    int dimension = space.dimension(model.network());
    int targets = model.targetNames().size();
    float[] coordinates = training.coordinates(space);
    float[] targetValues = model.rows().trainingTargets();
    Linearity linearity = Linearity.measure(coordinates, dimension, targetValues, targets);
    PrincipalComponents pca = PrincipalComponents.fit(coordinates, dimension);
    int components = Math.min(2, dimension);
    float[] allScores = pca.project(coordinates, components);
    LinearFit fit = LinearFit.fit(allScores, components, targetValues, targets);
    double[] plane = new double[3];
    plane[0] = fit.intercepts()[target];
    for (int c = 0; c < components; c++) {
      plane[1 + c] = fit.coefficient(c, target);
    }
    int[] sample = Subsample.indices(model.rows().training(), maxPoints);
    float[] scores = Subsample.rows(allScores, components, sample);
    double[] ratio = pca.explainedVarianceRatio();
    return new PrincipalView(
        space,
        dimension,
        model.targetNames().get(target),
        target,
        column(scores, components, 0),
        components < 2 ? null : column(scores, components, 1),
        Subsample.column(targetValues, targets, target, sample),
        ratio.length < 2 ? new double[] {ratio[0], 0} : new double[] {ratio[0], ratio[1]},
        linearity,
        plane);
  }

  private static float[] column(float[] block, int columns, int column) {
    float[] out = new float[block.length / columns];
    for (int r = 0; r < out.length; r++) {
      out[r] = block[r * columns + column];
    }
    return out;
  }

  public Space space() {
    return space;
  }

  /** The number of coordinates of the space. */
  public int dimension() {
    return dimension;
  }

  public String targetName() {
    return targetName;
  }

  /** The column of the target shown, among the model's targets. */
  public int targetIndex() {
    return targetIndex;
  }

  /** Scores of the sampled rows on the first principal component. */
  public float[] first() {
    return first;
  }

  /** Scores on the second component, or null when the space has a single coordinate. */
  public float[] second() {
    return second;
  }

  /** The sampled rows' target values, in the target's own units. */
  public float[] target() {
    return target;
  }

  /** The share of the variance along the first two components (0 for a missing second). */
  public double varianceRatio(int component) {
    return varianceRatio[component];
  }

  /**
   * The least-squares plane of the target over the components, fitted on all training rows: the
   * target's value at scores (s1, s2) is {@code plane(0) + plane(1)·s1 + plane(2)·s2}.
   */
  public double plane(int term) {
    return plane[term];
  }

  /** How nearly linear every target is in this space, on all training rows. */
  public Linearity linearity() {
    return linearity;
  }
}
