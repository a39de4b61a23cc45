package org.precond.spark;

/**
 * How many rows the driver can train the network on when the user does not say: as many as fit
 * in half its heap, at the memory a fit takes per row. {@code precond fit} measured that at about
 * 4 KB per row with 10 columns and 5.4 KB with 20 (peak resident memory of a 1,000,000-row fit,
 * `bench/run-scale.sh`): the inputs encoded piecewise-linearly, the embeddings of three networks
 * and the selection's copies all grow with the rows.
 */
final class DriverSample {

  /** Bytes a fit holds per row besides its columns', and per column. */
  static final long BYTES_PER_ROW = 2_500;
  static final long BYTES_PER_COLUMN = 160;

  /** Fewer rows than this train no network worth the name. */
  static final int MIN_ROWS = 1_000;

  private DriverSample() {}

  /** Rows of {@code columns} columns a driver with {@code maxHeap} bytes trains on. */
  static int rows(int columns, long maxHeap) {
    long perRow = BYTES_PER_ROW + BYTES_PER_COLUMN * columns;
    return (int) Math.max(MIN_ROWS, Math.min(Integer.MAX_VALUE, maxHeap / 2 / perRow));
  }
}
