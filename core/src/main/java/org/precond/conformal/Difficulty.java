package org.precond.conformal;

/**
 * How hard a query is to predict, judged from its nearest training rows; normalised conformal
 * intervals are wider where it is larger.
 */
public enum Difficulty {
  /** None: every query alike, the plain split-conformal interval. */
  NONE,
  /** The standard deviation of the nearest rows' values (targets or residuals). */
  SPREAD,
  /** The mean distance to the nearest rows. */
  DISTANCE;

  /** The name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
