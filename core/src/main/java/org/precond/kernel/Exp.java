package org.precond.kernel;

/**
 * {@code e^x} for {@code x ≤ 0} in float32 arithmetic that every kernel repeats step for step, so
 * the vectorised and the plain kernels give the same bits, compiled or not; several times cheaper
 * than {@link StrictMath#exp}, which took a third of a soft-neighbour objective's time. Relative
 * error below 3e-7: {@code 2ⁿ · e^r} with {@code n} the nearest integer to {@code x / ln 2},
 * {@code |r| ≤ ln 2 / 2} and {@code e^r} from its Taylor polynomial of degree 6.
 */
public final class Exp {

  /** Below this, {@code e^x} is about to leave float32's normal numbers: 0. */
  static final float LOWEST = -87f;

  static final float LOG2E = 1.442695f;

  /** {@code 1.5 · 2²³}: adding and subtracting it rounds a float of magnitude below 2²² to an integer. */
  static final float ROUND = 12582912f;

  /** {@code ln 2} in two parts, the first exact in few bits so that {@code n · LN2_HIGH} is exact. */
  static final float LN2_HIGH = 0.693145752f;

  static final float LN2_LOW = 1.42860677e-6f;

  private Exp() {}

  /** {@code e^x} for {@code x ≤ 0}; 0 below {@value #LOWEST}, and for −∞. */
  public static float negative(float x) {
    if (x < LOWEST) {
      return 0f;
    }
    float n = (x * LOG2E + ROUND) - ROUND;
    float r = x - n * LN2_HIGH - n * LN2_LOW;
    float p =
        1 + r * (1 + r * (0.5f + r * (1 / 6f + r * (1 / 24f + r * (1 / 120f + r * (1 / 720f))))));
    return p * Float.intBitsToFloat(((int) n + 127) << 23);
  }
}
