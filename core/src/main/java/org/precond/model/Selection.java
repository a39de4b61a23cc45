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
 * on and the neighbours are not drawn from: the network alone, or k-NN (uniform,
 * inverse-distance or softmax weights) in the embedding or the weighted embedding, of the targets
 * or of the network's residuals, with its k. Test rows never take part.
 *
 * <p>One search per space finds each validation row's {@value #MAX_K} nearest rows; every k and
 * weighting is then scored from them, with the weights k-NN itself uses.
 *
 * <p>The network is kept unless the best of the others beats it by more than {@value #MARGIN}
 * standard errors of the two's paired difference in squared error over the validation rows: with
 * few validation rows the best of a hundred neighbour predictors often wins by chance, and then
 * does worse on new rows than the network it displaced. One standard error was not enough: on
 * bike sharing (seed 1, 1,390 validation rows) k-NN on residuals won by 2.6% and lost by 1.5% on
 * the test rows. A network whose output did not train (it trained for its neighbours) has in
 * the network's place the rule it trained for: softmax weights over its embedding's nearest (on
 * California housing seed 2, inverse-distance k-NN won on the validation rows by 0.3% and lost
 * on the test rows by 1.1%).
 */
final class Selection {

  static final int MAX_K = 32;
  static final double MARGIN = 2.0;
  private static final int[] KS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32};
  private static final double POWER = 2;

  private Selection() {}

  /**
   * The network's weights tried in a classifier's blend with the neighbours' votes, besides that
   * of one more neighbour: a network that is better calibrated than the votes of a few neighbours
   * deserves more than {@code 1/(k + 1)}. Chosen on covertype's validation rows: 3–8 neighbours
   * with the network at 0.6–0.8, which beat the network alone there, as 1/(k + 1) did not.
   */
  private static final double[] NETWORK_WEIGHTS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  /**
   * @param candidates every kind of predictor with its best k and its validation mean squared
   *     error (standardised units), best first
   * @param chosen the one to predict with
   * @param networkWeight a classifier's weight of the network in the chosen one's blend ({@link
   *     ClassProbabilities})
   * @param losses the chosen one's loss on each validation row
   */
  record Ranking(
      List<Candidate> candidates, PredictorSpec chosen, double networkWeight, double[] losses) {}

  /**
   * Ranks the candidates on the validation rows and chooses one: by mean squared error, or for
   * {@code classes} (one-hot targets) by log loss of their {@link ClassProbabilities}, each with
   * the network's weight in the blend that suits it best.
   *
   * @param outputTrained whether the network's output layer was trained (not under {@link
   *     org.precond.train.Objective#NEIGHBORS}); if not, neither it nor its residuals are
   *     candidates, and softmax weights in the embedding take the network's place
   */
  static Ranking rank(
      Ensemble network, RowPass fitting, float[] fittingTargets, RowPass validation,
      float[] validationTargets, int outputs, boolean classes, boolean outputTrained,
      Workers workers) {
    Scoring loss = new Scoring(validationTargets, outputs, classes);
    List<Candidate> out = new ArrayList<>();
    float[] networkPredictions = validation.output();
    Candidate best = null;
    float[] bestPredictions = null;
    if (outputTrained) {
      out.add(new Candidate(PredictorSpec.NETWORK, loss.mean(networkPredictions)));
      best = out.get(0);
      bestPredictions = networkPredictions;
    }
    double bestWeight = 0;
    // What is kept unless another is clearly better: the network, or when its output did not
    // train, the softmax over its embedding's nearest that it trained for.
    PredictorSpec reference = outputTrained ? PredictorSpec.NETWORK : null;
    float[] referencePredictions = outputTrained ? networkPredictions : null;
    int n = fittingTargets.length / outputs;
    int reach = Math.min(MAX_K, n - 1);
    for (Space space : new Space[] {Space.EMBEDDING, Space.WEIGHTED}) {
      int dimension = space.dimension(network);
      WeightedNeighbors found =
          Interpolant.restore(
                  new InterpolantSpec(Method.KNN, reach, POWER, false),
                  fitting.coordinates(space), dimension, fittingTargets, outputs, null, null)
              .neighbors(validation.coordinates(space), workers);
      for (boolean residual : outputTrained ? new boolean[] {false, true} : new boolean[] {false}) {
        float[] values = residual ? minus(fittingTargets, fitting.output()) : fittingTargets;
        float[] base = residual ? validation.output() : null;
        for (Weights weights : Weights.values()) {
          Candidate kind = null;
          for (int k : KS) {
            if (k > reach) {
              break;
            }
            float[] predicted = predict(found, values, base, k, weights, outputs);
            double weight = 0;
            double error;
            if (classes) {
              float[] votes = predicted;
              // An untrained output has no say in the vote.
              weight = outputTrained ? ClassProbabilities.asOneNeighbor(k) : 0;
              predicted = ClassProbabilities.of(votes, validation.output(), outputs, weight);
              error = loss.mean(predicted);
              for (double w : outputTrained ? NETWORK_WEIGHTS : new double[0]) {
                float[] blend = ClassProbabilities.of(votes, validation.output(), outputs, w);
                double e = loss.mean(blend);
                if (e < error) {
                  error = e;
                  weight = w;
                  predicted = blend;
                }
              }
            } else {
              error = loss.mean(predicted);
            }
            if (kind == null || error < kind.error()) {
              kind =
                  new Candidate(new PredictorSpec(weights.spec(k), space, residual), error);
              if (best == null || error < best.error()) {
                best = kind;
                bestPredictions = predicted;
                bestWeight = weight;
              }
              if (!outputTrained && space == Space.EMBEDDING && weights == Weights.SOFTMAX) {
                reference = kind.spec();
                referencePredictions = predicted;
              }
            }
          }
          out.add(kind);
        }
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::error));
    double[] bestLosses = loss.rows(bestPredictions);
    double[] referenceLosses = loss.rows(referencePredictions);
    boolean clear =
        bestPredictions != referencePredictions && clearlyBetter(bestLosses, referenceLosses);
    return clear
        ? new Ranking(out, best.spec(), bestWeight, bestLosses)
        : new Ranking(out, reference, 0, referenceLosses);
  }

  /** Per-row losses against the validation targets: squared error, or log loss for classes. */
  private record Scoring(float[] targets, int outputs, boolean classes) {
    double[] rows(float[] predicted) {
      if (classes) {
        return ClassProbabilities.rowLogLosses(predicted, targets, outputs);
      }
      double[] out = new double[targets.length / outputs];
      for (int i = 0; i < targets.length; i++) {
        double d = predicted[i] - targets[i];
        out[i / outputs] += d * d / outputs;
      }
      return out;
    }

    double mean(float[] predicted) {
      double sum = 0;
      double[] rows = rows(predicted);
      for (double l : rows) {
        sum += l;
      }
      return sum / rows.length;
    }
  }

  /**
   * Whether losses {@code candidate} beat {@code network}'s (the network's, or another
   * reference's), row by row, by more than
   * {@link #MARGIN} standard errors of the mean paired difference.
   */
  static boolean clearlyBetter(double[] candidate, double[] network) {
    int n = network.length;
    double mean = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = network[i] - candidate[i];
      mean += d;
      squares += d * d;
    }
    mean /= n;
    double variance = Math.max(0, squares / n - mean * mean) * n / Math.max(1, n - 1);
    return mean > MARGIN * Math.sqrt(variance / n);
  }

  /** How the k nearest are weighed, each as its interpolant weighs them. */
  private enum Weights {
    UNIFORM,
    INVERSE_DISTANCE,
    /**
     * {@code softmax(−d)}: what a network trained for its neighbours learned to predict by
     * (California housing, seeds 0–2, one such network: test RMSE 0.4288 / 0.4588 / 0.4446 with the
     * best of the others, 0.4248 / 0.4565 / 0.4395 with softmax weights over 32).
     */
    SOFTMAX;

    InterpolantSpec spec(int k) {
      return this == SOFTMAX
          ? new InterpolantSpec(Method.SOFTMAX, k, POWER, false)
          : new InterpolantSpec(Method.KNN, k, POWER, this == INVERSE_DISTANCE);
    }

    double weight(WeightedNeighbors found, int i, int r) {
      return switch (this) {
        case UNIFORM -> 1;
        case INVERSE_DISTANCE ->
            Math.pow(found.distance(i, 0) / (double) found.distance(i, r), POWER);
        case SOFTMAX -> StrictMath.exp(found.distance(i, 0) - (double) found.distance(i, r));
      };
    }
  }

  /** The prediction from the {@code k} nearest of {@code found}, as the interpolant weighs. */
  private static float[] predict(
      WeightedNeighbors found, float[] values, float[] base, int k, Weights weights, int outputs) {
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
          w = weights.weight(found, i, r);
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
}
