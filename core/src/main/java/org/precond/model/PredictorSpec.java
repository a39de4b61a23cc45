package org.precond.model;

import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.space.Space;

/**
 * How a model predicts (a description; {@link Predictor} is the fitted thing): the network alone, or an interpolant in some space, interpolating either
 * the targets or the network's residuals (then the prediction is the network's output plus the
 * interpolated residual, which rarely does much worse than the network).
 *
 * @param interpolant the interpolant, or null for the network alone
 * @param space where the interpolant measures distances (ignored for the network)
 * @param residual interpolate the network's residuals instead of the targets
 */
public record PredictorSpec(InterpolantSpec interpolant, Space space, boolean residual) {

  /** The network's own output. */
  public static final PredictorSpec NETWORK = new PredictorSpec(null, Space.RAW, false);

  /**
   * The default: k-NN in the embedding with k chosen by leave-one-out — accurate, and every
   * prediction names the training rows behind it.
   */
  public static final PredictorSpec DEFAULT =
      new PredictorSpec(InterpolantSpec.of(Method.KNN), Space.EMBEDDING, false);

  public PredictorSpec {
    if (interpolant == null && residual) {
      throw new IllegalArgumentException("the network alone has no residuals to interpolate");
    }
  }

  /** The interpolant {@code spec} in {@code space}, interpolating the targets. */
  public static PredictorSpec of(InterpolantSpec spec, Space space) {
    return new PredictorSpec(spec, space, false);
  }

  /** Where distances are measured, also for difficulty: the network alone uses its embedding. */
  public Space distanceSpace() {
    return interpolant == null ? Space.EMBEDDING : space;
  }

  public boolean isNetwork() {
    return interpolant == null;
  }

  /** The method's name, {@code mlp} for the network. */
  public String methodLabel() {
    if (interpolant == null) {
      return "mlp";
    }
    String label = interpolant.method().label();
    return interpolant.distanceWeighted() ? label + "-distance" : label;
  }

  /** For tables: the method, its space, and whether it interpolates residuals. */
  public String describe() {
    if (interpolant == null) {
      return "mlp";
    }
    return interpolant.describe() + " in " + space.label() + (residual ? " (residual)" : "");
  }
}
