package org.precond.model;

import org.precond.interpolate.InterpolantSpec;
import org.precond.space.Space;

/**
 * How a model predicts: the network alone, or an interpolant in some space, interpolating either
 * the targets or the network's residuals (then the prediction is the network's output plus the
 * interpolated residual, which rarely does much worse than the network).
 *
 * @param interpolant the interpolant, or null for the network alone
 * @param space where the interpolant measures distances (ignored for the network)
 * @param residual interpolate the network's residuals instead of the targets
 */
public record Estimator(InterpolantSpec interpolant, Space space, boolean residual) {

  /** The network's own output. */
  public static final Estimator NETWORK = new Estimator(null, Space.RAW, false);

  public Estimator {
    if (interpolant == null && residual) {
      throw new IllegalArgumentException("the network alone has no residuals to interpolate");
    }
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
