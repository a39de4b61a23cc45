package org.precond.model;

/**
 * Class probabilities from a predictor's raw output. The network's softmax is one already; the
 * neighbours' weighted votes (or the network's probabilities plus the neighbours' mean residual)
 * are blended with the network's probabilities, so that no class a row's neighbours lack gets
 * probability zero (an infinite log loss), then clipped to at least {@value #FLOOR} and
 * normalised. The network's weight in the blend is chosen on the validation rows ({@link
 * Selection}); by default it counts as one more neighbour ({@link #asOneNeighbor}).
 */
final class ClassProbabilities {

  static final float FLOOR = 1e-6f;

  private ClassProbabilities() {}

  /** The network's weight when it counts as one more of {@code neighbors} voters (0: alone). */
  static double asOneNeighbor(int neighbors) {
    return neighbors == 0 ? 0 : 1.0 / (neighbors + 1);
  }

  /**
   * @param raw the predictor's output, row-major {@code rows × classes}
   * @param network the network's probabilities for the same rows
   * @param networkWeight the network's share of the blend, in [0, 1] (0 for the network alone:
   *     {@code raw} is kept)
   * @return new probabilities, row-major
   */
  static float[] of(float[] raw, float[] network, int classes, double networkWeight) {
    float[] out = new float[raw.length];
    double own = networkWeight;
    for (int at = 0; at < raw.length; at += classes) {
      double total = 0;
      for (int c = 0; c < classes; c++) {
        double p = (1 - own) * raw[at + c] + own * network[at + c];
        p = Math.max(FLOOR, p);
        out[at + c] = (float) p;
        total += p;
      }
      for (int c = 0; c < classes; c++) {
        out[at + c] = (float) (out[at + c] / total);
      }
    }
    return out;
  }

  /** The mean negative log-probability of the true classes, one-hot in {@code targets}. */
  static double logLoss(float[] probabilities, float[] targets, int classes) {
    double[] losses = rowLogLosses(probabilities, targets, classes);
    double sum = 0;
    for (double l : losses) {
      sum += l;
    }
    return sum / losses.length;
  }

  static double[] rowLogLosses(float[] probabilities, float[] targets, int classes) {
    double[] out = new double[probabilities.length / classes];
    for (int r = 0; r < out.length; r++) {
      double loss = 0;
      for (int c = 0; c < classes; c++) {
        float y = targets[r * classes + c];
        if (y != 0) {
          loss -= y * Math.log(Math.max(FLOOR, probabilities[r * classes + c]));
        }
      }
      out[r] = loss;
    }
    return out;
  }
}
