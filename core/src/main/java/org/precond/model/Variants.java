package org.precond.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.precond.concurrent.Workers;
import org.precond.nn.Ensemble;
import org.precond.prep.Preprocessing;

/**
 * Fits predictors, and their calibration, to the rows a model keeps, through its network: the
 * kept rows pass through the network once, when this is made, however many predictors it fits.
 * With rows held out of everything, they calibrate the predictor itself (split conformal);
 * otherwise the validation rows calibrate a twin of the predictor fitted without them.
 */
public final class Variants implements AutoCloseable {

  private final PrecondModel base;
  private final Ensemble network;
  private final KeptRows rows;
  private final int outputs;
  private final boolean classes;
  private final Workers workers;
  private final RowPass nodes;
  private final float[] nodeTargets;
  private final int[] fitting;
  private final int[] validation;
  private final RowPass fittingPass;
  private final float[] fittingTargets;
  private final RowPass held;
  private final float[] heldTargets;
  private final int heldOf;
  private final Predictor.Graphs graphs;
  private final long seed;

  Variants(PrecondModel base, boolean calibrate) {
    this(base, base.preprocessing(), base.network(), base.rows(),
        base.preprocessing().inputs(base.rows().trainingFeatures()), calibrate,
        base.provenance().training().seed(), null, base.threads());
  }

  /**
   * @param trainingInputs the training rows' scaled inputs ({@link Preprocessing#inputs}), kept
   * @param seed draws the samples of rows that calibrate when there are more than {@link
   *     Regressor#CALIBRATION_SAMPLE}
   * @param graphs builds the HNSW graph that fitted predictors search, or null to search exactly
   */
  Variants(
      PrecondModel base, Preprocessing prep, Ensemble network, KeptRows rows,
      float[] trainingInputs, boolean calibrate, long seed, Predictor.Graphs graphs,
      int threads) {
    this.base = base;
    this.graphs = graphs;
    this.seed = seed;
    this.network = network;
    this.rows = rows;
    this.outputs = prep.targets();
    this.classes = prep.isClassification();
    this.workers = new Workers(threads);
    this.nodes = RowPass.of(network, trainingInputs, prep.isClassification(), workers);
    this.nodeTargets = prep.targets(rows.trainingTargets());
    int[] all = calibrate ? rows.calibration() : new int[0];
    this.heldOf = all.length;
    int[] calibration = sample(all, Regressor.CALIBRATION_SAMPLE, seed);
    boolean twin = calibration.length > 0 && !rows.splitCalibration();
    this.fitting = rows.fitting();
    this.validation = rows.validation();
    // Training rows are taken from the pass over all of them, not passed through again.
    this.fittingPass = fitting.length == rows.training() ? nodes : nodes.select(fitting);
    this.fittingTargets = KeptRows.gather(nodeTargets, outputs, fitting);
    if (calibration.length == 0) {
      this.held = null;
      this.heldTargets = null;
    } else if (twin) {
      this.held = nodes.select(calibration);
      this.heldTargets = KeptRows.gather(nodeTargets, outputs, calibration);
    } else {
      this.held = RowPass.of(
          network, prep.inputs(rows.features(calibration)), prep.isClassification(), workers);
      this.heldTargets = prep.targets(rows.targets(calibration));
    }
    if (twin && fitting.length < 2) {
      throw new IllegalArgumentException("too few rows to calibrate on the validation rows");
    }
  }

  /** The base model predicting with {@code spec}. */
  public PrecondModel with(PredictorSpec spec) {
    Fitted f = fit(spec, Double.NaN, 1);
    return base.with(f.predictor(), f.calibration());
  }

  /**
   * {@code rows} (ascending) if they are at most {@code size}, else {@code size} of them drawn
   * at random from {@code seed}, ascending.
   */
  static int[] sample(int[] rows, int size, long seed) {
    if (rows.length <= size) {
      return rows;
    }
    int[] shuffled = rows.clone();
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(shuffled.length - i);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int[] out = Arrays.copyOf(shuffled, size);
    Arrays.sort(out);
    return out;
  }

  /** How many rows calibrate: all that could, or a sample of them. */
  int calibrationRows() {
    return held == null ? 0 : held.rows();
  }

  /** How many rows could calibrate, before sampling. */
  int calibrationRowsOffered() {
    return heldOf;
  }

  /**
   * {@code spec} fitted on the training rows, and calibrated when this calibrates. The fitted
   * predictor searches its nodes in this maker's graph when it has one; the twin that scores the
   * validation rows always searches exactly: a graph over its nodes would cost more to build than
   * the few thousand searches it would serve.
   *
   * @param networkWeight the network's weight in a classifier's blend ({@link
   *     ClassProbabilities}), NaN for that of one more neighbour
   * @param temperature of a classifier's probabilities ({@link Temperature}); 1 for a regressor
   */
  Fitted fit(PredictorSpec spec, double networkWeight, double temperature) {
    Predictor deployed = blended(
        Predictor.fit(spec, network, nodes, nodeTargets, graphs, workers), networkWeight,
        temperature);
    if (held == null) {
      return new Fitted(deployed, null);
    }
    Predictor scorer =
        rows.splitCalibration()
            ? deployed
            : blended(
                Predictor.fit(deployed.spec(), network, fittingPass, fittingTargets, workers),
                networkWeight, temperature);
    int[] difficultyNodes = rows.splitCalibration() ? null : fitting;
    return new Fitted(
        deployed,
        Calibration.compute(
            scorer, deployed, difficultyNodes, held, heldTargets, outputs, classes, workers));
  }

  /**
   * The temperature of {@code spec}'s class probabilities (with the network's weight {@code
   * networkWeight}, NaN for that of one more neighbour) with the lowest log loss on the
   * validation rows ({@link #validationPass}), predicted by {@code spec} fitted on the rows the
   * network trained on; 1 with fewer than {@link Temperature#MIN_ROWS} of them, too few to tell.
   */
  double temperature(PredictorSpec spec, double networkWeight) {
    if (validation.length < Temperature.MIN_ROWS) {
      return 1;
    }
    RowPass rows = validationPass();
    Predictor twin = blended(
        Predictor.fit(spec, network, fittingPass, fittingTargets, workers), networkWeight, 1);
    float[] probabilities = twin.probabilities(twin.estimate(rows, workers), rows, outputs);
    return Temperature.fit(probabilities, validationTargets(), outputs);
  }

  /** {@code p} with the network's weight (unless NaN: its own) and temperature given. */
  private static Predictor blended(Predictor p, double networkWeight, double temperature) {
    Predictor weighted = Double.isNaN(networkWeight) ? p : p.withNetworkWeight(networkWeight);
    return weighted.withTemperature(temperature);
  }

  /** The training rows' pass through the network. */
  public RowPass trainingPass() {
    return nodes;
  }

  /** The rows the network trained on, through it, and their standardised targets. */
  RowPass fittingPass() {
    return fittingPass;
  }

  float[] fittingTargets() {
    return fittingTargets;
  }

  /**
   * The validation rows, which the network did not train on, through it: at most {@link
   * Regressor#SELECTION_SAMPLE} of them, sampled from the seed.
   */
  RowPass validationPass() {
    return nodes.select(selectionRows());
  }

  float[] validationTargets() {
    return KeptRows.gather(nodeTargets, outputs, selectionRows());
  }

  /** How many validation rows there are before sampling. */
  int validationRows() {
    return validation.length;
  }

  private int[] selectionRows() {
    // Another stream than the calibration sample's, though both are drawn from the same rows.
    return sample(validation, Regressor.SELECTION_SAMPLE, ~seed);
  }

  Workers workers() {
    return workers;
  }

  @Override
  public void close() {
    workers.close();
  }

  /** A fitted predictor and its calibration (null when not calibrated). */
  record Fitted(Predictor predictor, Calibration calibration) {}
}
