package org.precond.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.precond.concurrent.Workers;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.nn.Ensemble;
import org.precond.space.Space;

/**
 * Chooses how a model predicts by its error on validation rows, which the network did not train
 * on and the neighbours are not drawn from: the network alone, or k-NN (uniform or
 * inverse-distance weights) in the embedding or the weighted embedding, of the targets or of the
 * network's residuals, with its k. Test rows never take part.
 *
 * <p>One search per space finds each validation row's {@value #MAX_K} nearest rows; every k and
 * weighting is then scored from them, with the weights k-NN itself uses.
 */
final class Selection {

  static final int MAX_K = 32;
  private static final int[] KS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32};
  private static final double POWER = 2;

  private Selection() {}

  /**
   * Every candidate's validation mean squared error (standardised units), best first, the best k
   * of each kind only.
   */
  static List<Candidate> rank(
      Ensemble network, RowPass fitting, float[] fittingTargets, RowPass validation,
      float[] validationTargets, int outputs, Workers workers) {
    List<Candidate> out = new ArrayList<>();
    out.add(new Candidate(PredictorSpec.NETWORK, mse(validation.output(), validationTargets)));
    int n = fittingTargets.length / outputs;
    int reach = Math.min(MAX_K, n - 1);
    for (Space space : new Space[] {Space.EMBEDDING, Space.WEIGHTED}) {
      int dimension = space.dimension(network);
      WeightedNeighbors found =
          Interpolant.restore(
                  new InterpolantSpec(Method.KNN, reach, POWER, false),
                  fitting.coordinates(space), dimension, fittingTargets, outputs, null, null)
              .neighbors(validation.coordinates(space), workers);
      for (boolean residual : new boolean[] {false, true}) {
        float[] values = residual ? minus(fittingTargets, fitting.output()) : fittingTargets;
        float[] base = residual ? validation.output() : null;
        for (boolean distance : new boolean[] {false, true}) {
          Candidate best = null;
          for (int k : KS) {
            if (k > reach) {
              break;
            }
            double error = mse(predict(found, values, base, k, distance, outputs), validationTargets);
            if (best == null || error < best.error()) {
              best =
                  new Candidate(
                      new PredictorSpec(
                          new InterpolantSpec(Method.KNN, k, POWER, distance), space, residual),
                      error);
            }
          }
          out.add(best);
        }
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::error));
    return out;
  }

  /** k-NN's prediction from the {@code k} nearest of {@code found}, as the interpolant weighs. */
  private static float[] predict(
      WeightedNeighbors found, float[] values, float[] base, int k, boolean distance, int outputs) {
    int q = found.queries();
    float[] out = new float[q * outputs];
    double[] sums = new double[outputs];
    for (int i = 0; i < q; i++) {
      int count = Math.min(k, found.count(i));
      java.util.Arrays.fill(sums, 0);
      double total = 0;
      int exact = 0;
      while (exact < count && found.distance(i, exact) == 0) {
        exact++;
      }
      for (int r = 0; r < count; r++) {
        double w;
        if (exact > 0) {
          w = r < exact ? 1 : 0;
        } else {
          w = distance ? Math.pow(found.distance(i, 0) / (double) found.distance(i, r), POWER) : 1;
        }
        total += w;
        int node = found.index(i, r);
        for (int o = 0; o < outputs; o++) {
          sums[o] += w * values[node * outputs + o];
        }
      }
      for (int o = 0; o < outputs; o++) {
        double mean = sums[o] / total;
        out[i * outputs + o] = (float) (base == null ? mean : base[i * outputs + o] + (float) mean);
      }
    }
    return out;
  }

  private static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  private static double mse(float[] predicted, float[] targets) {
    double sum = 0;
    for (int i = 0; i < targets.length; i++) {
      double d = predicted[i] - targets[i];
      sum += d * d;
    }
    return sum / targets.length;
  }
}
