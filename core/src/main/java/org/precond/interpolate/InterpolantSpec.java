package org.precond.interpolate;

/**
 * How to interpolate: the method, its neighbourhood size and, for inverse-distance weights, the
 * power.
 *
 * @param method the interpolant
 * @param k neighbourhood size; {@link #AUTO} lets leave-one-out on the training points choose,
 *     {@link #ALL} (Shepard only) weighs every training point
 * @param power the exponent p of inverse-distance weights {@code 1/dᵖ}
 * @param distanceWeighted for k-NN: inverse-distance weights instead of uniform ones
 */
public record InterpolantSpec(Method method, int k, double power, boolean distanceWeighted) {

  public static final int AUTO = 0;
  public static final int ALL = -1;

  public InterpolantSpec {
    if (k < ALL) {
      throw new IllegalArgumentException("k must be positive, 'auto' or 'all'; got " + k);
    }
    if (k == ALL && method != Method.SHEPARD) {
      throw new IllegalArgumentException("only shepard can weigh every point (k = all)");
    }
    if (!(power > 0) || !Double.isFinite(power)) {
      throw new IllegalArgumentException("power must be positive, got " + power);
    }
  }

  /** The method with k chosen by leave-one-out and power 2. */
  public static InterpolantSpec of(Method method) {
    return new InterpolantSpec(method, AUTO, 2, false);
  }

  public InterpolantSpec withK(int newK) {
    return new InterpolantSpec(method, newK, power, distanceWeighted);
  }

  /** A short description such as {@code knn k=5} or {@code shepard k=all p=2}. */
  public String describe() {
    StringBuilder s = new StringBuilder(method.label());
    if (method == Method.KNN && distanceWeighted) {
      s.append(" (distance-weighted)");
    }
    s.append(" k=").append(k == ALL ? "all" : k == AUTO ? "auto" : Integer.toString(k));
    if (method == Method.SHEPARD || (method == Method.KNN && distanceWeighted)) {
      s.append(" p=").append(power);
    }
    return s.toString();
  }
}
