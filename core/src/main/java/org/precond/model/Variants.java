package org.precond.model;

import org.precond.concurrent.Workers;

/**
 * Makes variants of one model that predict in other ways: the same network with another predictor
 * fitted on the kept training rows (and calibrated on the kept calibration rows). The rows pass
 * through the network once, when the maker is made, however many variants it makes.
 */
public final class Variants implements AutoCloseable {

  private final PrecondModel base;
  private final Workers workers;
  private final RowPass training;
  private final float[] targets;
  private final RowPass held;
  private final float[] heldTargets;

  Variants(PrecondModel base, boolean calibrate) {
    this.base = base;
    this.workers = new Workers(base.threads());
    KeptRows rows = base.rows();
    var prep = base.preprocessing();
    this.training = RowPass.of(base.network(), prep.inputs(rows.trainingFeatures()), workers);
    this.targets = prep.targets(rows.trainingTargets());
    this.held =
        calibrate ? RowPass.of(base.network(), prep.inputs(rows.calibrationFeatures()), workers)
            : null;
    this.heldTargets = calibrate ? prep.targets(rows.calibrationTargets()) : null;
  }

  /** The base model predicting with {@code spec}. */
  public PrecondModel with(PredictorSpec spec) {
    Predictor p = Predictor.fit(spec, base.network(), training, targets, workers);
    Calibration c =
        held == null
            ? null
            : Calibration.compute(p, held, heldTargets, base.preprocessing().targets(), workers);
    return base.with(p, c);
  }

  /** The kept training rows' pass through the network. */
  public RowPass trainingPass() {
    return training;
  }

  @Override
  public void close() {
    workers.close();
  }
}
