package org.precond.prep;

import java.util.Arrays;
import java.util.List;
import org.precond.data.Dataset;

/**
 * What a model does to rows before its network sees them, and to its outputs after: how the
 * columns it reads by name become inputs ({@link TableEncoding}: {@code featureNames} are the
 * inputs' names), the scaling of inputs ({@link InputScaling}: its centres and scales in {@code
 * inputScaling}) and the standardisation of targets, fitted on its training rows. The embedding
 * stays in these units; predictions are mapped back to the targets' units. For a classifier the
 * targets are its {@link Classes} one-hot and stay unscaled; {@code classes} is null otherwise.
 */
public record Preprocessing(
    List<String> featureNames,
    List<String> targetNames,
    InputScaling kind,
    Standardizer inputScaling,
    Standardizer targetScaling,
    TableEncoding encoding,
    Classes classes) {

  public Preprocessing {
    if (classes != null && !classes.columns().equals(targetNames)) {
      throw new IllegalArgumentException(
          "the classes make targets " + classes.columns() + ", not " + targetNames);
    }
    if (!encoding.inputs().equals(featureNames)) {
      throw new IllegalArgumentException(
          "the encoding makes inputs " + encoding.inputs() + ", not " + featureNames);
    }
    featureNames = List.copyOf(featureNames);
    targetNames = List.copyOf(targetNames);
    if (inputScaling.columns() != featureNames.size()
        || targetScaling.columns() != targetNames.size()) {
      throw new IllegalArgumentException(
          "scaling of " + inputScaling.columns() + " inputs and " + targetScaling.columns()
              + " targets does not match the columns " + featureNames + " and " + targetNames);
    }
  }

  /** Fits the scalings on the training rows of {@code data}, numeric columns taken as they are. */
  public static Preprocessing fit(Dataset data, InputScaling kind) {
    return fit(data, kind, TableEncoding.numeric(data.featureNames()));
  }

  /**
   * Fits the scalings on the training rows of {@code data}, whose features {@code encoding} made.
   */
  public static Preprocessing fit(Dataset data, InputScaling kind, TableEncoding encoding) {
    return new Preprocessing(
        data.featureNames(),
        data.targetNames(),
        kind,
        kind.fit(data.features(), data.featureCount()),
        Standardizer.fitTargets(data),
        encoding,
        null);
  }

  /**
   * Fits the input scaling on the training rows of {@code data}, whose targets are {@code
   * classes} one-hot; those stay as they are.
   */
  public static Preprocessing fitClasses(
      Dataset data, InputScaling kind, TableEncoding encoding, Classes classes) {
    double[] zeros = new double[classes.count()];
    double[] ones = new double[classes.count()];
    Arrays.fill(ones, 1);
    return new Preprocessing(
        data.featureNames(),
        data.targetNames(),
        kind,
        kind.fit(data.features(), data.featureCount()),
        Standardizer.of(zeros, ones),
        encoding,
        classes);
  }

  /** Whether the targets are classes, and the network's outputs their logits. */
  public boolean isClassification() {
    return classes != null;
  }

  public int features() {
    return featureNames.size();
  }

  public int targets() {
    return targetNames.size();
  }

  /**
   * The scaled features of {@code rows}, row-major.
   *
   * @throws IllegalArgumentException if the rows do not have the model's feature columns in order
   */
  public float[] inputs(Dataset rows) {
    if (!rows.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException(
          "the model expects features " + featureNames + " but got " + rows.featureNames());
    }
    return inputs(rows.features());
  }

  /** Scaled features from a row-major block in the features' own units. */
  public float[] inputs(float[] features) {
    float[] x = inputScaling.transform(features);
    if (kind != InputScaling.STANDARD) {
      for (int i = 0; i < x.length; i++) {
        x[i] = kind.finish(x[i]);
      }
    }
    return x;
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
