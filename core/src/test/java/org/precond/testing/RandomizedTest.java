package org.precond.testing;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base class of tests that draw random numbers: each test gets draws that are fixed by the run's
 * master seed and the test's name, so a failure replays with the command printed beside it. See
 * {@link TestSeed} for how seeds derive and for the {@code -Dtests.seed=HEX} property.
 *
 * <p>Draw from {@link #random()}; a generator of another kind (a {@code SplittableRandom}, a
 * library's seed parameter) takes {@link #seed()}. Neither may be called from field initialisers
 * or constructors, which run before the test starts.
 */
@ExtendWith(TestSeed.class)
public abstract class RandomizedTest {

  protected RandomizedTest() {}

  /** The running test's own seed (its class's in {@code @BeforeAll} and {@code @AfterAll}). */
  protected static long seed() {
    return TestSeed.seed();
  }

  /** The running test's generator, seeded with {@link #seed()}; the same object on every call. */
  protected static Random random() {
    return TestSeed.random();
  }
}
