package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

/** {@link Decimal} gives exactly {@link Float#parseFloat}'s float, bit for bit, or NaN. */
class DecimalTest extends RandomizedTest {

  /** What the reader took before: Java's parser, on decimal notation only. */
  private static float reference(String text) {
    if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return Float.NaN;
    }
    return Float.parseFloat(text);
  }

  private static void assertSame(String text) {
    float expected = reference(text);
    float actual = Decimal.parse(text);
    assertEquals(
        Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
        () -> "'" + text + "': expected " + expected + ", got " + actual);
  }

  @Test
  void readsWhatJavaReadsAndNothingElse() {
    for (String text : new String[] {
        "0", "-0", "+0", "-0.0", "1", "1.", ".5", "-.5", "+.5e1", "1e5", "1E-5", "1e+5",
        "0.1", "0.30000000000000004", "123456789012345678901234567890", "1e-45", "1.4e-45",
        "3.4028235e38", "3.4028236e38", "1e39", "-1e39", "1e-50", "1e100000000000", "0e99999",
        "000000000000000000000000000001.5", "0.000000000000000000000000012345",
        "16777217", "16777217.000000000000001", "33554434.99999999999999999",
        "", ".", "-", "+", "e5", "1e", "1e+", "1.2.3", "1-2", "--1", "1f", "1d", "0x10", "NaN",
        "Infinity", "-Infinity", "1 ", " 1", "1,5", "١"}) {
      assertSame(text);
    }
  }

  @Test
  void roundsRandomDecimalsAsJavaDoes() {
    Random random = random();
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      if (random.nextInt(4) == 0) {
        sb.append(random.nextBoolean() ? '-' : '+');
      }
      int before = random.nextInt(12);
      int after = random.nextInt(20);
      for (int d = 0; d < before; d++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
      if (after > 0 || random.nextBoolean()) {
        sb.append('.');
      }
      for (int d = 0; d < after; d++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
      if (random.nextInt(3) == 0) {
        sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(61) - 30);
      }
      assertSame(sb.toString());
    }
  }

  /** Halfway between two floats, and a hair to either side: where a shortcut would round wrong. */
  @Test
  void roundsMidpointsBetweenFloatsAsJavaDoes() {
    Random random = random();
    for (int i = 0; i < 20_000; i++) {
      float a = Float.intBitsToFloat(random.nextInt(0x7f000000));
      float b = Math.nextUp(a);
      BigDecimal mid = new BigDecimal(a).add(new BigDecimal(b)).divide(BigDecimal.TWO);
      BigDecimal hair = mid.ulp().multiply(BigDecimal.valueOf(random.nextInt(3) - 1));
      assertSame(mid.add(hair).toString());
      assertSame(mid.round(new java.math.MathContext(17)).toString());
    }
  }

  @Test
  void doublesWrittenInFullReadAsJavaReadsThem() {
    Random random = random();
    for (int i = 0; i < 100_000; i++) {
      double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(16) - 8);
      assertSame(Double.toString(v));
      assertSame(String.format(java.util.Locale.ROOT, "%.17f", v));
    }
    assertTrue(Float.isNaN(Decimal.parse("not a number")));
  }
}
