package org.precond.train;

/** Why a training run ended. */
public enum StopReason {
  /** Every step ran. */
  COMPLETED,
  /** The validation loss stopped improving for {@code patience} checks. */
  EARLY_STOPPED,
  /** The loss became NaN or infinite; the last good parameters were restored. */
  DIVERGED
}
