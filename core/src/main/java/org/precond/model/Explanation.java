package org.precond.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Why a model predicted what it did for one row: the prediction and the training rows behind it
 * with weight above zero, heaviest first (the nearest first among equal weights).
 *
 * @param prediction per target, in its own units
 * @param contributions the training rows that carry weight
 */
public record Explanation(float[] prediction, List<Contribution> contributions) {

  public Explanation {
    contributions = List.copyOf(contributions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Explanation e
        && Arrays.equals(prediction, e.prediction)
        && contributions.equals(e.contributions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(prediction) + contributions.hashCode();
  }

  @Override
  public String toString() {
    return "Explanation[prediction=" + Arrays.toString(prediction) + ", " + contributions + "]";
  }

  /**
   * One training row's part in a prediction.
   *
   * @param trainingRow its 0-based row in the data the model was fitted on
   * @param distance from the query, in the predictor's space
   * @param weight its normalised weight
   * @param features its features in their own units
   * @param targets its targets in their own units
   */
  public record Contribution(
      int trainingRow, float distance, double weight, float[] features, float[] targets) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Contribution c
          && trainingRow == c.trainingRow
          && Float.compare(distance, c.distance) == 0
          && Double.compare(weight, c.weight) == 0
          && Arrays.equals(features, c.features)
          && Arrays.equals(targets, c.targets);
    }

    @Override
    public int hashCode() {
      return Objects.hash(trainingRow, distance, weight)
          + 31 * Arrays.hashCode(features) + 961 * Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
      return "row " + trainingRow + " (distance " + distance + ", weight " + weight + ", features "
          + Arrays.toString(features) + ", targets " + Arrays.toString(targets) + ")";
    }
  }
}
