package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubsampleTest {

  @Test
  void fewRowsAreAllKept() {
    assertArrayEquals(new int[] {0, 1, 2}, Subsample.indices(3, 5));
  }

  @Test
  void manyRowsGiveDistinctIncreasingIndicesSpreadOverAll() {
    int[] chosen = Subsample.indices(100_000, 5_000);
    assertEquals(5_000, chosen.length);
    for (int i = 1; i < chosen.length; i++) {
      assertTrue(chosen[i] > chosen[i - 1], "increasing and distinct at " + i);
    }
    assertTrue(chosen[0] < 1_000 && chosen[chosen.length - 1] > 99_000, "spread over every row");
    assertArrayEquals(chosen, Subsample.indices(100_000, 5_000), "the same picture every time");
  }

  @Test
  void rowsAndColumnsOfTheChosen() {
    float[] block = {0, 1, 10, 11, 20, 21};
    assertArrayEquals(new float[] {0, 1, 20, 21}, Subsample.rows(block, 2, new int[] {0, 2}));
    assertArrayEquals(new float[] {11, 21}, Subsample.column(block, 2, 1, new int[] {1, 2}));
  }
}
