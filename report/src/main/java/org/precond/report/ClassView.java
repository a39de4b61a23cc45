package org.precond.report;

import java.util.List;
import java.util.Locale;
import org.precond.linear.PrincipalComponents;
import org.precond.model.PrecondModel;
import org.precond.model.RowPass;
import org.precond.space.Space;

/**
 * A classifier's training rows in one space, on the space's first two principal components, each
 * with its true class: where the classes form separate clusters, a nearest-neighbour vote in the
 * space works.
 *
 * <p>Components come from every training row; the points drawn are a random sample of at most the
 * requested number.
 *
 * @param space the space
 * @param dimension the number of coordinates of the space
 * @param first scores of the sampled rows on the first principal component
 * @param second scores on the second component, or null when the space has a single coordinate
 * @param classes each sampled row's class, an index into {@code labels}
 * @param labels the class labels
 * @param varianceRatio the share of the variance along the first two components (0 for a
 *     missing second)
 */
record ClassView(
    Space space,
    int dimension,
    float[] first,
    float[] second,
    int[] classes,
    List<String> labels,
    double[] varianceRatio) {

  /** The view of a classifier's training rows in {@code space}. */
  static ClassView of(PrecondModel model, RowPass training, Space space, int maxPoints) {
    int dimension = space.dimension(model.network());
    float[] coordinates = training.coordinates(space);
    PrincipalComponents pca = PrincipalComponents.fit(coordinates, dimension);
    int components = Math.min(2, dimension);
    int[] sample = Subsample.indices(model.rows().training(), maxPoints);
    float[] scores = Subsample.rows(pca.project(coordinates, components), components, sample);
    float[] first = new float[sample.length];
    float[] second = components < 2 ? null : new float[sample.length];
    for (int r = 0; r < sample.length; r++) {
      first[r] = scores[r * components];
      if (second != null) {
        second[r] = scores[r * components + 1];
      }
    }
    List<String> labels = model.preprocessing().classes().labels();
    float[] oneHot = model.rows().trainingTargets();
    int[] classes = new int[sample.length];
    for (int r = 0; r < sample.length; r++) {
      int at = sample[r] * labels.size();
      for (int c = 1; c < labels.size(); c++) {
        if (oneHot[at + c] > oneHot[at + classes[r]]) {
          classes[r] = c;
        }
      }
    }
    double[] ratio = pca.explainedVarianceRatio();
    return new ClassView(
        space, dimension, first, second, classes, labels,
        new double[] {ratio[0], ratio.length < 2 ? 0 : ratio[1]});
  }

  /** The axis title of a principal component, with its share of the variance. */
  String componentTitle(int component) {
    return String.format(
        Locale.ROOT, "PC %d (%.0f%%)", component + 1, 100 * varianceRatio[component]);
  }
}
