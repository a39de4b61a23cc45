package org.precond.model;

import java.util.Arrays;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.prep.Classes;

/**
 * The training rows behind each prediction, nearest first: their row numbers in the data the
 * model was fitted on, distances, normalised weights, and their features and targets in their own
 * units (the targets as given, also when the model interpolates residuals).
 */
public final class NeighborRows {

  private final WeightedNeighbors found;
  private final KeptRows rows;
  private final int features;
  private final int targets;
  private final Classes classes;

  /** @param classes a classifier's classes, whose targets are one-hot; null for a regressor */
  NeighborRows(
      WeightedNeighbors found, KeptRows rows, int features, int targets, Classes classes) {
    this.classes = classes;
    this.found = found;
    this.rows = rows;
    this.features = features;
    this.targets = targets;
  }

  /** How many training rows prediction {@code q} used (some may weigh 0). */
  public int count(int q) {
    return found.count(q);
  }

  /** The 0-based row, in the data the model was fitted on, of {@code q}'s {@code rank}-th. */
  public int trainingRow(int q, int rank) {
    return rows.trainingRowNumber(found.index(q, rank));
  }

  public float distance(int q, int rank) {
    return found.distance(q, rank);
  }

  /** Normalised weight: one prediction's weights add up to 1. */
  public double weight(int q, int rank) {
    return found.weight(q, rank);
  }

  /** Target {@code o} of {@code q}'s {@code rank}-th training row, in its own units. */
  public float target(int q, int rank, int o) {
    return rows.trainingTargets()[found.index(q, rank) * targets + o];
  }

  /**
   * A classifier's label of {@code q}'s {@code rank}-th training row.
   *
   * @throws IllegalStateException for a regressor
   */
  public String label(int q, int rank) {
    if (classes == null) {
      throw new IllegalStateException("the model predicts numbers, not classes");
    }
    int at = found.index(q, rank) * targets;
    float[] y = rows.trainingTargets();
    int best = 0;
    for (int c = 1; c < targets; c++) {
      if (y[at + c] > y[at + best]) {
        best = c;
      }
    }
    return classes.labels().get(best);
  }

  /** The features of {@code q}'s {@code rank}-th training row, in their own units. */
  public float[] features(int q, int rank) {
    int node = found.index(q, rank);
    return Arrays.copyOfRange(rows.trainingFeatures(), node * features, (node + 1) * features);
  }
}
