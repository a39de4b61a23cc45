package org.precond.spark;

import java.io.Serializable;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.model.NeighborShard;

/**
 * A sharded model's split-conformal calibration: per difficulty the scores of rows held out of
 * the shards, predicted and measured as new rows are, from their nearest rows in every shard.
 * Kept in the form that travels to executors and into the model's directory.
 */
final class ShardCalibration implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int rows;
  private final double[] betas;
  private final float[][] signed;

  private ShardCalibration(int rows, double[] betas, float[][] signed) {
    this.rows = rows;
    this.betas = betas;
    this.signed = signed;
  }

  /**
   * Calibrates on held-out rows: their standardised targets and their nearest rows in every
   * shard, at least {@link DifficultyEstimator#NEIGHBORS} and the predictor's k.
   */
  static ShardCalibration fit(InterpolantSpec spec, float[] targets, NeighborShard.Nearest near) {
    int q = near.queries();
    float[] predicted = predict(spec, near);
    double[][] sigma = difficulty(near);
    double[] betas = new double[Difficulty.values().length];
    float[][] signed = new float[betas.length][];
    for (Difficulty d : Difficulty.values()) {
      ConformalCalibration c = ConformalCalibration.fit(d, targets, predicted, sigma[d.ordinal()]);
      betas[d.ordinal()] = c.beta();
      signed[d.ordinal()] = c.signedScores();
    }
    return new ShardCalibration(q, betas, signed);
  }

  /** Standardised k-NN predictions from each query's nearest rows. */
  static float[] predict(InterpolantSpec spec, NeighborShard.Nearest near) {
    NeighborShard.Nearest k = near.first(spec.k());
    return Interpolant.weigh(spec, k.queries(), k.k(), k.distances(), k.values(), k.outputs())
        .means();
  }

  /** Each query's difficulty under every kind, from its nearest rows. */
  static double[][] difficulty(NeighborShard.Nearest near) {
    NeighborShard.Nearest d = near.first(DifficultyEstimator.NEIGHBORS);
    return DifficultyEstimator.estimateAll(
        d.queries(), d.k(), d.distances(), d.values(), d.outputs());
  }

  /** How many rows it was calibrated on. */
  int rows() {
    return rows;
  }

  ConformalCalibration scores(Difficulty kind) {
    return ConformalCalibration.restore(kind, betas[kind.ordinal()], signed[kind.ordinal()]);
  }
}
