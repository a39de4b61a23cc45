package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.precond.data.Dataset;
import org.precond.testing.RandomizedTest;

class DeduplicationTest extends RandomizedTest {

  @Test
  void keepsTheFirstOccurrenceOfIdenticalRows() {
    Dataset data =
        new Dataset(
            6,
            new float[] {1, 2, 3, 4, 1, 2, 1, 2, 3, 4, -0f, 5},
            List.of("a", "b"),
            new float[] {9, 8, 9, 7, 8, 9},
            List.of("y"));
    Deduplication result = Deduplication.removeExactDuplicates(data);
    // Row 2 repeats row 0; row 4 repeats row 1; row 3 differs from row 0 only in its target.
    assertEquals(2, result.removed());
    assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, -0f, 5}, result.dataset().features());
    assertArrayEquals(new float[] {9, 8, 7, 9}, result.dataset().targets());
  }

  @Test
  void negativeZeroEqualsZero() {
    Dataset data = new Dataset(2, new float[] {0f, -0f}, List.of("a"), new float[0], List.of());
    assertEquals(1, Deduplication.removeExactDuplicates(data).removed());
  }

  @Test
  void returnsTheSameDatasetWhenNothingRepeats() {
    Dataset data = new Dataset(3, new float[] {1, 2, 3}, List.of("a"), new float[0], List.of());
    Deduplication result = Deduplication.removeExactDuplicates(data);
    assertSame(data, result.dataset());
    assertEquals(0, result.removed());
  }

  @Test
  void agreesWithAQuadraticScanOnRandomData() {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 2000;
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(6);
    }
    for (int i = 0; i < rows; i++) {
      y[i] = random.nextInt(3);
    }
    int expected = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < i; j++) {
        if (x[2 * i] == x[2 * j] && x[2 * i + 1] == x[2 * j + 1] && y[i] == y[j]) {
          expected++;
          break;
        }
      }
    }
    Dataset data = new Dataset(rows, x, List.of("a", "b"), y, List.of("y"));
    Deduplication result = Deduplication.removeExactDuplicates(data);
    assertEquals(expected, result.removed());
    assertEquals(6 * 6 * 3, result.dataset().rows());
  }
}
