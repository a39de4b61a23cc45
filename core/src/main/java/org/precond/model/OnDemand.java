package org.precond.model;

import java.util.function.Supplier;

/**
 * A value made when first asked for, once, whichever thread asks: the parts of an opened model
 * file that only some predictions need ({@link PrecondModel#open}).
 */
final class OnDemand<T> {

  private Supplier<? extends T> maker;
  private volatile T value;

  private OnDemand(T value, Supplier<? extends T> maker) {
    this.value = value;
    this.maker = maker;
  }

  /** A value there from the start. */
  static <T> OnDemand<T> of(T value) {
    return new OnDemand<>(value, null);
  }

  /** A value {@code maker} makes on first use; if it throws, the next use tries again. */
  static <T> OnDemand<T> later(Supplier<? extends T> maker) {
    return new OnDemand<>(null, maker);
  }

  /** Whether the value is made. */
  boolean isMade() {
    return value != null;
  }

  T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = maker.get();
          value = v;
          maker = null;
        }
      }
    }
    return v;
  }
}
