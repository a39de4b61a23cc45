package org.precond.metrics;

/**
 * The top class probability against how often the top class was right, in equal-width bins of
 * that probability: the data of a reliability diagram. A calibrated classifier is right as often
 * as it is confident, in every bin; the expected calibration error is the rows' mean gap.
 */
public final class Reliability {

  private final int rows;
  private final int[] counts;
  private final double[] confidence;
  private final double[] correct;

  private Reliability(int rows, int[] counts, double[] confidence, double[] correct) {
    this.rows = rows;
    this.counts = counts;
    this.confidence = confidence;
    this.correct = correct;
  }

  /**
   * Bins row-major probabilities, scored against one-hot classes, by their top probability; bin
   * {@code b} holds probabilities in {@code [b/bins, (b+1)/bins)}, the last also 1.
   *
   * @throws IllegalArgumentException if the shapes differ or there are no bins
   */
  public static Reliability of(float[] probabilities, float[] oneHot, int classes, int bins) {
    ClassificationMetrics.checkShapes(probabilities, oneHot, classes);
    if (bins < 1) {
      throw new IllegalArgumentException("a reliability diagram needs bins, got " + bins);
    }
    int[] counts = new int[bins];
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    for (int at = 0; at < probabilities.length; at += classes) {
      int predicted = ClassificationMetrics.argmax(probabilities, at, classes);
      double top = probabilities[at + predicted];
      int bin = Math.min(bins - 1, (int) (top * bins));
      counts[bin]++;
      confidence[bin] += top;
      correct[bin] += predicted == ClassificationMetrics.argmax(oneHot, at, classes) ? 1 : 0;
    }
    return new Reliability(probabilities.length / classes, counts, confidence, correct);
  }

  public int bins() {
    return counts.length;
  }

  /** The rows whose top probability fell in bin {@code b}. */
  public int count(int b) {
    return counts[b];
  }

  /** The mean top probability in bin {@code b}; NaN for an empty bin. */
  public double confidence(int b) {
    return counts[b] == 0 ? Double.NaN : confidence[b] / counts[b];
  }

  /** The share of bin {@code b}'s rows whose top class was right; NaN for an empty bin. */
  public double accuracy(int b) {
    return counts[b] == 0 ? Double.NaN : correct[b] / counts[b];
  }

  /** The gap between confidence and accuracy in each bin, weighted by the bin's rows. */
  public double calibrationError() {
    double sum = 0;
    for (int b = 0; b < counts.length; b++) {
      sum += Math.abs(confidence[b] - correct[b]);
    }
    return rows == 0 ? Double.NaN : sum / rows;
  }
}
