package org.precond.metrics;

/**
 * How often each true class was predicted as each class, the prediction being the most probable
 * class (the first of equally probable ones, as in {@link ClassificationMetrics}).
 */
public final class ConfusionMatrix {

  private final int classes;
  private final int[] counts;

  private ConfusionMatrix(int classes, int[] counts) {
    this.classes = classes;
    this.counts = counts;
  }

  /**
   * Counts row-major probabilities against one-hot classes.
   *
   * @param probabilities {@code rows × classes}
   * @param oneHot {@code rows × classes}, one 1 per row
   * @throws IllegalArgumentException if the shapes differ
   */
  public static ConfusionMatrix of(float[] probabilities, float[] oneHot, int classes) {
    ClassificationMetrics.checkShapes(probabilities, oneHot, classes);
    int[] counts = new int[classes * classes];
    for (int at = 0; at < probabilities.length; at += classes) {
      counts[ClassificationMetrics.argmax(oneHot, at, classes) * classes
          + ClassificationMetrics.argmax(probabilities, at, classes)]++;
    }
    return new ConfusionMatrix(classes, counts);
  }

  public int classes() {
    return classes;
  }

  /** The rows of class {@code actual} predicted as class {@code predicted}. */
  public int count(int actual, int predicted) {
    return counts[actual * classes + predicted];
  }

  /** The rows of class {@code actual}. */
  public int actual(int actual) {
    int sum = 0;
    for (int p = 0; p < classes; p++) {
      sum += counts[actual * classes + p];
    }
    return sum;
  }

  /** The rows predicted as class {@code predicted}. */
  public int predicted(int predicted) {
    int sum = 0;
    for (int a = 0; a < classes; a++) {
      sum += counts[a * classes + predicted];
    }
    return sum;
  }

  /** Every row counted. */
  public int rows() {
    int sum = 0;
    for (int c : counts) {
      sum += c;
    }
    return sum;
  }
}
