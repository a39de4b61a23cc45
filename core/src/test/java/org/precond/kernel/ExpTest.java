package org.precond.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

class ExpTest extends RandomizedTest {

  @Test
  void isCloseToTheLibrarys() {
    for (int i = 0; i < 100_000; i++) {
      float x = -90f * random().nextFloat();
      double expected = Math.exp(x);
      assertEquals(expected, Exp.negative(x), 3e-7 * expected + 1e-37, "e^" + x);
    }
    assertEquals(1f, Exp.negative(0f));
    assertEquals(0f, Exp.negative(Float.NEGATIVE_INFINITY));
  }
}
