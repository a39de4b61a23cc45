package org.precond.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriverSampleTest {

  private static final long GB = 1L << 30;

  @Test
  void halfTheHeapAtWhatAFitTakesPerRow() {
    // 10 columns: 4,100 bytes a row; half of 8 GB holds about a million of them.
    int rows = DriverSample.rows(10, 8 * GB);
    assertEquals(4 * GB / 4_100, rows);
    assertTrue(rows > 1_000_000 && rows < 1_100_000, "rows " + rows);
  }

  @Test
  void moreColumnsFewerRowsAndNeverFewerThanTheFloor() {
    assertTrue(DriverSample.rows(100, 8 * GB) < DriverSample.rows(10, 8 * GB));
    assertEquals(DriverSample.MIN_ROWS, DriverSample.rows(10, 1L << 20));
    assertEquals(Integer.MAX_VALUE, DriverSample.rows(1, Long.MAX_VALUE));
  }
}
