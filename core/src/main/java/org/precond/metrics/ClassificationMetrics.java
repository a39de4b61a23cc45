package org.precond.metrics;

/**
 * How good class probabilities are against the true classes: accuracy of the most probable class,
 * log loss, Brier score (the squared error of the probability vector, summed over classes),
 * expected calibration error (of the top probability, in {@value #BINS} equal-width bins) and
 * macro-averaged F1.
 *
 * @param rows rows scored
 */
public record ClassificationMetrics(
    int rows, double accuracy, double logLoss, double brier, double calibrationError,
    double macroF1) {

  /** Bins of the top probability for the expected calibration error. */
  public static final int BINS = 15;

  /** Probabilities below this count as it in the log loss, so that one certainty is finite. */
  public static final double LOG_FLOOR = 1e-15;

  /**
   * Scores row-major probabilities against one-hot classes.
   *
   * @param probabilities {@code rows × classes}
   * @param oneHot {@code rows × classes}, one 1 per row
   * @throws IllegalArgumentException if the shapes differ or there are no rows
   */
  public static ClassificationMetrics compute(float[] probabilities, float[] oneHot, int classes) {
    checkShapes(probabilities, oneHot, classes);
    int n = probabilities.length / classes;
    int correct = 0;
    double logLoss = 0;
    double brier = 0;
    int[] truePositives = new int[classes];
    int[] predictedCount = new int[classes];
    int[] actualCount = new int[classes];
    for (int r = 0; r < n; r++) {
      int at = r * classes;
      int predicted = argmax(probabilities, at, classes);
      int actual = argmax(oneHot, at, classes);
      for (int c = 0; c < classes; c++) {
        double d = probabilities[at + c] - oneHot[at + c];
        brier += d * d;
      }
      logLoss -= Math.log(Math.max(LOG_FLOOR, probabilities[at + actual]));
      boolean right = predicted == actual;
      correct += right ? 1 : 0;
      predictedCount[predicted]++;
      actualCount[actual]++;
      truePositives[predicted] += right ? 1 : 0;
    }
    double ece = Reliability.of(probabilities, oneHot, classes, BINS).calibrationError();
    double f1 = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (actualCount[c] == 0 && predictedCount[c] == 0) {
        continue;
      }
      present++;
      f1 += 2.0 * truePositives[c] / (predictedCount[c] + actualCount[c]);
    }
    return new ClassificationMetrics(
        n, (double) correct / n, logLoss / n, brier / n, ece, f1 / Math.max(1, present));
  }

  static void checkShapes(float[] probabilities, float[] oneHot, int classes) {
    if (classes < 2 || probabilities.length != oneHot.length
        || probabilities.length % classes != 0 || probabilities.length == 0) {
      throw new IllegalArgumentException(
          "probabilities and classes do not make the same rows of " + classes + " classes");
    }
  }

  /** The column of a row's largest value, the first of equals. */
  static int argmax(float[] values, int at, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (values[at + c] > values[at + best]) {
        best = c;
      }
    }
    return best;
  }
}
