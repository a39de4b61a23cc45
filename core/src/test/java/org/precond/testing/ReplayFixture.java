package org.precond.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that {@link TestSeedTest} runs through the JUnit launcher, recording each one's seed and
 * first draws. Surefire leaves this class alone: its name matches none of its include patterns.
 */
class ReplayFixture extends RandomizedTest {

  /** Seed and first draws, by test (and "beforeAll"). */
  static final Map<String, long[]> DRAWS = new ConcurrentHashMap<>();

  /** Whether the tests meant to fail or to misuse the generator run; otherwise they are skipped. */
  static volatile boolean misbehave;

  /** Whether field initialisers draw, which must fail. */
  static volatile boolean drawInFieldInitialiser;

  private final long drawnTooEarly = drawInFieldInitialiser ? random().nextLong() : 0;

  private static long[] record(String test) {
    long[] draws = {seed(), random().nextLong(), random().nextLong(), random().nextInt(1000)};
    DRAWS.put(test, draws);
    return draws;
  }

  @BeforeAll
  static void beforeAll() {
    record("beforeAll");
  }

  @Test
  void first() {
    record("first");
  }

  @Test
  void second() {
    record("second");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void parameterized(int invocation) {
    record("parameterized" + invocation);
  }

  @Test
  void failsOnPurpose() {
    assumeTrue(misbehave);
    assertEquals(1, 2, "on purpose");
  }

  @Test
  void throwsOnPurpose() {
    assumeTrue(misbehave);
    throw new IllegalStateException("on purpose");
  }
}
