package org.precond.prep;

import java.util.List;
import org.precond.data.Dataset;

/**
 * What a model does to rows before its network sees them, and to its outputs after: the columns
 * it reads by name, and the standardisation of inputs and targets fitted on its training rows.
 * The embedding stays in standardised units; predictions are mapped back to the targets' units.
 */
public record Preprocessing(
    List<String> featureNames,
    List<String> targetNames,
    Standardizer inputScaling,
    Standardizer targetScaling) {

  public Preprocessing {
    featureNames = List.copyOf(featureNames);
    targetNames = List.copyOf(targetNames);
    if (inputScaling.columns() != featureNames.size()
        || targetScaling.columns() != targetNames.size()) {
      throw new IllegalArgumentException(
          "scaling of " + inputScaling.columns() + " inputs and " + targetScaling.columns()
              + " targets does not match the columns " + featureNames + " and " + targetNames);
    }
  }

  /** Fits the standardisation on the training rows of {@code data}. */
  public static Preprocessing fit(Dataset data) {
    return new Preprocessing(
        data.featureNames(),
        data.targetNames(),
        Standardizer.fitFeatures(data),
        Standardizer.fitTargets(data));
  }

  public int features() {
    return featureNames.size();
  }

  public int targets() {
    return targetNames.size();
  }

  /**
   * The standardised features of {@code rows}, row-major.
   *
   * @throws IllegalArgumentException if the rows do not have the model's feature columns in order
   */
  public float[] inputs(Dataset rows) {
    if (!rows.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException(
          "the model expects features " + featureNames + " but got " + rows.featureNames());
    }
    return inputScaling.transform(rows.features());
  }

  /** Standardised features from a row-major block in the features' own units. */
  public float[] inputs(float[] features) {
    return inputScaling.transform(features);
  }

  /** Standardised targets from a row-major block in the targets' own units. */
  public float[] targets(float[] targets) {
    return targetScaling.transform(targets);
  }

  /** Target {@code o} in its own units, from standardised units. */
  public double toUnits(double standardized, int o) {
    return targetScaling.mean(o) + targetScaling.std(o) * standardized;
  }

  /** Target {@code o} in standardised units, from its own units. */
  public double toStandard(double value, int o) {
    return (value - targetScaling.mean(o)) / targetScaling.std(o);
  }

  /** The scale of target {@code o}: one standardised unit in the target's own units. */
  public double targetScale(int o) {
    return targetScaling.std(o);
  }
}
