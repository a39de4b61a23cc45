package org.precond.model;

import java.util.EnumMap;
import java.util.Map;
import org.precond.concurrent.Workers;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.conformal.SetCalibration;
import org.precond.neighbors.HnswIndex;

/**
 * A model's split-conformal calibration, computed once when the model is fitted (and stored in its
 * file): per difficulty and target the calibration scores of its predictor on rows neither the
 * network nor the predictor saw; the root mean square of the network's own residuals there (the
 * Gaussian interval a user would otherwise build); and what scores a new row's difficulty, the
 * predictor's training nodes — indexed, never searched until a row is predicted. A classifier's
 * calibration also holds the scores of its prediction sets ({@link SetCalibration}).
 */
public final class Calibration {

  private final Map<Difficulty, ConformalCalibration[]> scores;
  private final double[] networkSigma;
  private final int rows;
  private final OnDemand<DifficultyEstimator> difficulty;
  private final SetCalibration sets;

  private Calibration(
      Map<Difficulty, ConformalCalibration[]> scores,
      double[] networkSigma,
      int rows,
      OnDemand<DifficultyEstimator> difficulty,
      SetCalibration sets) {
    this.sets = sets;
    this.scores = scores;
    this.networkSigma = networkSigma;
    this.rows = rows;
    this.difficulty = difficulty;
  }

  /**
   * Calibrates {@code deployed} on held-out rows, their pass through the network and their
   * standardised targets, scored by {@code scorer}: the deployed predictor itself, or its twin
   * fitted without these rows when they are among the deployed predictor's nodes. Difficulty is
   * measured against the deployed predictor's nodes {@code difficultyNodes} (null: all), the same
   * for calibration rows as for new rows, so that their scores stay exchangeable.
   */
  static Calibration compute(
      Predictor scorer, Predictor deployed, int[] difficultyNodes, RowPass held,
      float[] targets, int outputs, boolean classes, Workers workers) {
    DifficultyEstimator difficulty = difficultyOf(deployed, difficultyNodes, outputs);
    Predictor.Estimate estimate = scorer.estimate(held, workers);
    float[] predicted =
        classes ? scorer.probabilities(estimate, held, outputs) : estimate.mean();
    SetCalibration sets = classes ? SetCalibration.fit(predicted, targets, outputs) : null;
    float[] coordinates = held.coordinates(scorer.spec().distanceSpace());
    int n = held.rows();
    Map<Difficulty, ConformalCalibration[]> scores = new EnumMap<>(Difficulty.class);
    double[][] sigmas = difficulty.estimateAll(coordinates, workers);
    for (Difficulty d : Difficulty.values()) {
      double[] sigma = sigmas[d.ordinal()];
      ConformalCalibration[] perTarget = new ConformalCalibration[outputs];
      for (int o = 0; o < outputs; o++) {
        perTarget[o] =
            ConformalCalibration.fit(
                d, column(targets, outputs, o), column(predicted, outputs, o),
                column(sigma, outputs, o));
      }
      scores.put(d, perTarget);
    }
    double[] networkSigma = new double[outputs];
    float[] net = held.output();
    for (int i = 0; i < net.length; i++) {
      double r = targets[i] - net[i];
      networkSigma[i % outputs] += r * r / n;
    }
    for (int o = 0; o < outputs; o++) {
      networkSigma[o] = Math.sqrt(networkSigma[o]);
    }
    return new Calibration(scores, networkSigma, n, OnDemand.of(difficulty), sets);
  }

  /**
   * Rebuilds a stored calibration of {@code predictor}, measuring difficulty against its nodes
   * {@code difficultyNodes} (null: all); {@code sets} null for a regressor.
   */
  public static Calibration restore(
      Predictor predictor, int[] difficultyNodes, Map<Difficulty, ConformalCalibration[]> scores,
      double[] networkSigma, int rows, SetCalibration sets) {
    int outputs = networkSigma.length;
    for (Difficulty d : Difficulty.values()) {
      ConformalCalibration[] perTarget = scores.get(d);
      if (perTarget == null || perTarget.length != outputs) {
        throw new IllegalArgumentException("calibration lacks " + d.label() + " scores");
      }
    }
    // A predictor whose nodes are read when first needed ({@link PrecondModel#open}) is indexed
    // for difficulty then too: predicting point values never reads them.
    return new Calibration(
        new EnumMap<>(scores), networkSigma.clone(), rows,
        predictor.hasNodes()
            ? OnDemand.of(difficultyOf(predictor, difficultyNodes, outputs))
            : OnDemand.later(() -> difficultyOf(predictor, difficultyNodes, outputs)),
        sets);
  }

  /** A classifier's prediction-set scores, or null for a regressor. */
  public SetCalibration sets() {
    return sets;
  }

  private static DifficultyEstimator difficultyOf(Predictor p, int[] nodes, int outputs) {
    HnswIndex graph = p.graph();
    if (graph != null) {
      // The predictor's own graph, restricted to the nodes when they are fewer: no second graph.
      return new DifficultyEstimator(
          nodes == null ? graph : graph.among(nodes), p.nodeValues(), outputs);
    }
    if (nodes == null) {
      return new DifficultyEstimator(p.nodes(), p.dimension(), p.nodeValues(), outputs);
    }
    return new DifficultyEstimator(
        KeptRows.gather(p.nodes(), p.dimension(), nodes), p.dimension(),
        KeptRows.gather(p.nodeValues(), outputs, nodes), outputs);
  }

  /** The scores of target {@code o} under {@code kind}. */
  public ConformalCalibration scores(Difficulty kind, int o) {
    return scores.get(kind)[o];
  }

  /** Per target, the root mean square of the network's residuals on the calibration rows. */
  public double[] networkSigma() {
    return networkSigma.clone();
  }

  double networkSigma(int o) {
    return networkSigma[o];
  }

  /** How many rows it was calibrated on. */
  public int rows() {
    return rows;
  }

  /** Difficulty of rows per target under each kind, indexed by {@link Difficulty#ordinal()}. */
  double[][] difficulties(float[] coordinates, Workers workers) {
    return difficulty.get().estimateAll(coordinates, workers);
  }

  private static float[] column(float[] block, int width, int c) {
    float[] out = new float[block.length / width];
    for (int i = 0; i < out.length; i++) {
      out[i] = block[i * width + c];
    }
    return out;
  }

  private static double[] column(double[] block, int width, int c) {
    double[] out = new double[block.length / width];
    for (int i = 0; i < out.length; i++) {
      out[i] = block[i * width + c];
    }
    return out;
  }
}
