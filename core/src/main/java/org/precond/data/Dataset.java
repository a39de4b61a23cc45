package org.precond.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table of float32 rows: feature columns and zero or more target columns, each block stored
 * contiguously row-major in one array so that training and search loops read it without
 * indirection.
 *
 * <p>A dataset takes ownership of the arrays it is given and hands them out again from {@link
 * #features()} and {@link #targets()} without copying, because the data may be large. Callers must
 * treat them as read-only; every operation here that changes rows returns a new dataset.
 *
 * <p>Zero target columns are allowed: rows to predict on need not carry targets.
 */
public final class Dataset {

  private final int rows;
  private final float[] features;
  private final float[] targets;
  private final List<String> featureNames;
  private final List<String> targetNames;

  /**
   * Makes a dataset from row-major blocks.
   *
   * @param rows number of rows
   * @param features {@code rows × featureNames.size()} values, row-major; owned by the dataset
   * @param featureNames one distinct name per feature column, at least one
   * @param targets {@code rows × targetNames.size()} values, row-major; owned by the dataset
   * @param targetNames one distinct name per target column, possibly none
   * @throws IllegalArgumentException if a block's length does not match, or a name is repeated
   */
  public Dataset(
      int rows,
      float[] features,
      List<String> featureNames,
      float[] targets,
      List<String> targetNames) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    this.featureNames = List.copyOf(featureNames);
    this.targetNames = List.copyOf(targetNames);
    if (this.featureNames.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one feature column");
    }
    requireDistinctNames(this.featureNames, this.targetNames);
    this.rows = rows;
    this.features = requireBlock(features, rows, this.featureNames.size(), "features");
    this.targets = requireBlock(targets, rows, this.targetNames.size(), "targets");
  }

  private static float[] requireBlock(float[] block, int rows, int columns, String what) {
    Objects.requireNonNull(block, what);
    if ((long) rows * columns != block.length) {
      throw new IllegalArgumentException(
          what + " has " + block.length + " values, expected " + rows + " rows × " + columns);
    }
    return block;
  }

  private static void requireDistinctNames(List<String> featureNames, List<String> targetNames) {
    Set<String> seen = new HashSet<>();
    for (String name : featureNames) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("feature column \"" + name + "\" appears twice");
      }
    }
    for (String name : targetNames) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            featureNames.contains(name)
                ? "column \"" + name + "\" is both a feature and a target"
                : "target column \"" + name + "\" appears twice");
      }
    }
  }

  public int rows() {
    return rows;
  }

  public int featureCount() {
    return featureNames.size();
  }

  public int targetCount() {
    return targetNames.size();
  }

  /** The feature block, {@code rows() × featureCount()} row-major. Do not modify. */
  public float[] features() {
    return features;
  }

  /** The target block, {@code rows() × targetCount()} row-major. Do not modify. */
  public float[] targets() {
    return targets;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public List<String> targetNames() {
    return targetNames;
  }

  public float feature(int row, int column) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, featureNames.size());
    return features[row * featureNames.size() + column];
  }

  public float target(int row, int column) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, targetNames.size());
    return targets[row * targetNames.size() + column];
  }

  /**
   * Copies the given rows, in the given order, into a new dataset with the same columns. An index
   * may appear more than once (a bootstrap sample, for instance).
   *
   * @throws IndexOutOfBoundsException if an index is not a row of this dataset
   */
  public Dataset select(int[] rowIndices) {
    int d = featureCount();
    int m = targetCount();
    float[] selectedFeatures = new float[Math.multiplyExact(rowIndices.length, d)];
    float[] selectedTargets = new float[Math.multiplyExact(rowIndices.length, m)];
    for (int i = 0; i < rowIndices.length; i++) {
      int row = Objects.checkIndex(rowIndices[i], rows);
      System.arraycopy(features, row * d, selectedFeatures, i * d, d);
      System.arraycopy(targets, row * m, selectedTargets, i * m, m);
    }
    return new Dataset(
        rowIndices.length, selectedFeatures, featureNames, selectedTargets, targetNames);
  }

  @Override
  public String toString() {
    return "Dataset[" + rows + " rows, features " + featureNames + ", targets " + targetNames + "]";
  }
}
