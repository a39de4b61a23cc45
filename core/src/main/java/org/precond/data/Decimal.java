package org.precond.data;

/**
 * Reads a decimal number into the nearest float32, exactly as {@link Float#parseFloat} does, but
 * several times faster on the long numbers data files hold (17 significant digits from a double):
 * the JDK takes its arbitrary-precision path for every number of more than 15 digits, and reading
 * a table of a million rows was mostly that.
 *
 * <p>Only decimal notation is taken: an optional sign, digits with at most one decimal point (at
 * least one digit in all) and an optional exponent. Java's {@code 1f}, hexadecimal floats, {@code
 * NaN} and {@code Infinity} are not numbers in a data file.
 *
 * <p>Why the fast path is exact: the first {@value #FAST_DIGITS} significant digits make an
 * integer {@code m} below 2<sup>53</sup> and the exponent a power of ten {@code p} up to
 * 10<sup>22</sup>, both exact doubles, so {@code m·p} (or {@code m/p}) is the double nearest the
 * exact value. Rounded on to float, that is the nearest float too, unless the double lies exactly
 * halfway between two floats: halfway points are doubles themselves, so a double not on one lies
 * on the same side of each as the exact value. Digits dropped beyond the first fifteen put the
 * value between {@code m·p} and {@code (m + 1)·p}; rounding is monotone, so where those two round
 * to the same float, so does the value. Anything else (an exponent out of range, a double on a
 * halfway point, a value straddling one) goes to {@link Float#parseFloat}.
 */
final class Decimal {

  /** Significant digits kept in the fast path: 10<sup>15</sup> < 2<sup>53</sup>. */
  static final int FAST_DIGITS = 15;

  private static final long HALF_MASK = (1L << 29) - 1;
  private static final long HALF = 1L << 28;

  /** Powers of ten that are exact doubles. */
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private Decimal() {}

  /** The float32 value of {@code text}, or NaN when it is not a decimal number. */
  static float parse(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    long mantissa = 0;
    int kept = 0; // significant digits in mantissa
    boolean dropped = false; // a nonzero digit beyond them
    int scale = 0; // the mantissa's exponent of ten, from the digits' position
    int digits = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (kept < FAST_DIGITS) {
          if (mantissa != 0 || c != '0') {
            mantissa = mantissa * 10 + (c - '0');
            kept++;
          }
          if (point) {
            scale--;
          }
        } else {
          dropped |= c != '0';
          if (!point) {
            scale++;
          }
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Float.NaN;
    }
    if (i < n) {
      char c = text.charAt(i);
      if (c != 'e' && c != 'E') {
        return Float.NaN;
      }
      i++;
      boolean negativeExponent = false;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        negativeExponent = text.charAt(i) == '-';
        i++;
      }
      if (i == n) {
        return Float.NaN;
      }
      int exponent = 0;
      for (; i < n; i++) {
        c = text.charAt(i);
        if (c < '0' || c > '9') {
          return Float.NaN;
        }
        // Saturates: such exponents only ever mean zero or infinity, which the JDK decides.
        exponent = Math.min(exponent * 10 + (c - '0'), 100_000);
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    float value = mantissa == 0 ? 0f : nearest(mantissa, scale, dropped);
    if (Float.isNaN(value)) {
      return Float.parseFloat(text);
    }
    return negative ? -value : value;
  }

  /** The float nearest {@code m·10^scale} (plus less than one unit when dropped), or NaN. */
  private static float nearest(long m, int scale, boolean dropped) {
    if (scale < -22 || scale > 22) {
      return Float.NaN;
    }
    float low = scaled(m, scale);
    if (!dropped) {
      return low;
    }
    return scaled(m + 1, scale) == low ? low : Float.NaN;
  }

  /** The float nearest {@code m·10^scale}, or NaN when the double between lies halfway. */
  private static float scaled(long m, int scale) {
    double d = scale < 0 ? m / POWERS[-scale] : m * POWERS[scale];
    // The 29 bits a float drops from a double's mantissa, exactly one half of its last place.
    if ((Double.doubleToRawLongBits(d) & HALF_MASK) == HALF) {
      return Float.NaN;
    }
    return (float) d;
  }
}
