package org.precond.model;

import java.util.Arrays;

/**
 * The rows a model keeps, in their own units, with their 0-based row numbers in the data it was
 * fitted on. The first {@link #training()} rows are the predictor's nodes; among them the
 * {@link #validation()} rows, which the network did not train on. Any rows after them were held
 * out of everything to calibrate (split conformal). Without such rows, the validation rows
 * calibrate, scored by a predictor fitted without them. Blocks are row-major and never modified.
 */
public final class KeptRows {

  private final int featureCount;
  private final int targetCount;
  private final float[] features;
  private final float[] targets;
  private final int[] rowNumbers;
  private final int nodes;
  private final int[] validation;
  private final float[] trainingFeatures;
  private final float[] trainingTargets;

  /**
   * @param features every kept row's features, row-major, the nodes first
   * @param targets every kept row's targets, row-major
   * @param rowNumbers every kept row's 0-based row in the fitted data
   * @param nodes how many of the first rows are the predictor's nodes
   * @param validation ascending indices, below {@code nodes}, of rows the network did not train on
   */
  public KeptRows(
      int featureCount, int targetCount, float[] features, float[] targets, int[] rowNumbers,
      int nodes, int[] validation) {
    int n = rowNumbers.length;
    if (featureCount < 1 || targetCount < 1 || nodes < 1 || nodes > n
        || features.length != (long) n * featureCount || targets.length != (long) n * targetCount) {
      throw new IllegalArgumentException("kept rows do not match their columns");
    }
    for (int i = 0; i < validation.length; i++) {
      if (validation[i] < 0 || validation[i] >= nodes || (i > 0 && validation[i] <= validation[i - 1])) {
        throw new IllegalArgumentException("validation rows must be ascending training rows");
      }
    }
    this.featureCount = featureCount;
    this.targetCount = targetCount;
    this.features = features;
    this.targets = targets;
    this.rowNumbers = rowNumbers;
    this.nodes = nodes;
    this.validation = validation;
    this.trainingFeatures = nodes == n ? features : Arrays.copyOf(features, nodes * featureCount);
    this.trainingTargets = nodes == n ? targets : Arrays.copyOf(targets, nodes * targetCount);
  }

  /** Number of training rows: the predictor's nodes. */
  public int training() {
    return nodes;
  }

  public float[] trainingFeatures() {
    return trainingFeatures;
  }

  public float[] trainingTargets() {
    return trainingTargets;
  }

  /** Per training row, its 0-based row in the fitted data. */
  public int[] trainingRowNumbers() {
    return nodes == rowNumbers.length ? rowNumbers : Arrays.copyOf(rowNumbers, nodes);
  }

  int trainingRowNumber(int node) {
    return rowNumbers[node];
  }

  /** Indices of the training rows the network did not train on (a copy). */
  public int[] validation() {
    return validation.clone();
  }

  /** Indices of the training rows the network trained on. */
  public int[] fitting() {
    int[] out = new int[nodes - validation.length];
    for (int i = 0, v = 0, o = 0; i < nodes; i++) {
      if (v < validation.length && validation[v] == i) {
        v++;
      } else {
        out[o++] = i;
      }
    }
    return out;
  }

  /** Whether the rows held out of everything calibrate (split conformal). */
  public boolean splitCalibration() {
    return nodes < rowNumbers.length;
  }

  /** The rows that calibrate: those held out of everything, or else the validation rows. */
  public int[] calibration() {
    if (splitCalibration()) {
      int[] out = new int[rowNumbers.length - nodes];
      Arrays.setAll(out, i -> nodes + i);
      return out;
    }
    return validation.clone();
  }

  /** The features of rows {@code rows}, row-major. */
  public float[] features(int[] rows) {
    return gather(features, featureCount, rows);
  }

  /** The targets of rows {@code rows}, row-major. */
  public float[] targets(int[] rows) {
    return gather(targets, targetCount, rows);
  }

  /** Every kept row's features, training rows first (for saving). */
  public float[] allFeatures() {
    return features;
  }

  public float[] allTargets() {
    return targets;
  }

  public int[] allRowNumbers() {
    return rowNumbers;
  }

  /** Rows {@code rows} of a row-major block {@code width} wide. */
  static float[] gather(float[] block, int width, int[] rows) {
    float[] out = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(block, rows[i] * width, out, i * width, width);
    }
    return out;
  }
}
