package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    Split a = Split.random(1000, 0.7, 0.15, 0.15, 42);
    Split b = Split.random(1000, 0.7, 0.15, 0.15, 42);
    Split c = Split.random(1000, 0.7, 0.15, 0.15, 43);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.validation(), b.validation());
    assertArrayEquals(a.test(), b.test());
    assertFalse(Arrays.equals(a.test(), c.test()));
  }

  @Test
  void partsAreDisjointCoverEveryRowAndHaveTheRoundedSizes() {
    Split split = Split.random(101, 0.6, 0.2, 0.2, 7);
    assertEquals(61, split.train().length);
    assertEquals(20, split.validation().length);
    assertEquals(20, split.test().length);
    int[] all =
        IntStream.concat(
                IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation())),
                Arrays.stream(split.test()))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    for (int[] part : List.of(split.train(), split.validation(), split.test())) {
      assertArrayEquals(IntStream.of(part).sorted().toArray(), part);
    }
  }

  @Test
  void emptyPartsAreAllowed() {
    Split split = Split.random(10, 0.8, 0, 0.2, 1);
    assertEquals(8, split.train().length);
    assertEquals(0, split.validation().length);
  }

  @Test
  void rejectsBadFractions() {
    assertThrows(IllegalArgumentException.class, () -> Split.random(10, 0.5, 0.2, 0.2, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.random(10, 1.2, -0.2, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.random(10, 0, 0.5, 0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.random(10, Double.NaN, 0.5, 0.5, 1));
  }
}
