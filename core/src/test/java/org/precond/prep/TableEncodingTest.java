package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precond.data.Column;
import org.precond.data.Table;

class TableEncodingTest {

  /** Levels a×6, b×5, c×1 and a missing cell; x with one missing value. */
  private static Table training() {
    List<String> levels = List.of("a", "b", "c");
    int[] codes = new int[13];
    float[] x = new float[13];
    for (int r = 0; r < 13; r++) {
      codes[r] = r < 6 ? 0 : r < 11 ? 1 : r == 11 ? 2 : Column.MISSING;
      x[r] = r;
    }
    x[3] = Float.NaN;
    return new Table(
        List.of(new Column.Numeric("x", x), new Column.Categorical("k", codes, levels)),
        List.of());
  }

  @Test
  void namesEveryInputReadably() {
    TableEncoding e = TableEncoding.fit(training(), 32);
    assertEquals(
        List.of("x", "x=(missing)", "k=a", "k=b", "k=(other)", "k=(missing)"), e.inputs());
    assertFalse(e.isIdentity());
    assertTrue(TableEncoding.numeric(List.of("u", "v")).isIdentity());
  }

  @Test
  void fillsTheMedianMarksMissingCellsAndGroupsRareLevels() {
    TableEncoding e = TableEncoding.fit(training(), 32);
    TableEncoding.Encoded out = e.encode(training());
    float[] f = out.features();
    int w = 6;
    // Median of 0..12 without 3: the mean of 6 and 7.
    assertArrayEquals(new float[] {6.5f, 1, 1, 0, 0, 0}, row(f, 3, w));
    assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, row(f, 0, w));
    assertArrayEquals(new float[] {7, 0, 0, 1, 0, 0}, row(f, 7, w));
    // "c" is seen once, too rare for an input of its own, and not counted as unseen.
    assertArrayEquals(new float[] {11, 0, 0, 0, 1, 0}, row(f, 11, w));
    assertArrayEquals(new float[] {12, 0, 0, 0, 0, 1}, row(f, 12, w));
    assertEquals(Map.of(), out.unseen());
  }

  @Test
  void aLevelLimitKeepsTheMostFrequent() {
    TableEncoding e = TableEncoding.fit(training(), 1);
    assertEquals(List.of("x", "x=(missing)", "k=a", "k=(other)", "k=(missing)"), e.inputs());
  }

  @Test
  void unseenLevelsGoToOtherAndAreCounted() {
    TableEncoding e = TableEncoding.fit(training(), 32);
    Table rows = new Table(
        List.of(new Column.Numeric("x", new float[] {1, Float.NaN}),
            new Column.Categorical("k", new int[] {0, 1}, List.of("zzz", "b"))),
        List.of());
    TableEncoding.Encoded out = e.encode(rows);
    assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, row(out.features(), 0, 6));
    assertArrayEquals(new float[] {6.5f, 1, 0, 1, 0, 0}, row(out.features(), 1, 6));
    assertEquals(Map.of("k", 1), out.unseen());
  }

  @Test
  void withoutOtherOrMissingInputsSuchCellsSetNone() {
    Table t = new Table(
        List.of(new Column.Categorical("k", new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1},
            List.of("a", "b"))),
        List.of());
    TableEncoding e = TableEncoding.fit(t, 32);
    assertEquals(List.of("k=a", "k=b"), e.inputs());
    Table rows = new Table(
        List.of(new Column.Categorical("k", new int[] {0, Column.MISSING}, List.of("new"))),
        List.of());
    TableEncoding.Encoded out = e.encode(rows);
    assertArrayEquals(new float[] {0, 0, 0, 0}, out.features());
    assertEquals(Map.of("k", 1), out.unseen());
  }

  @Test
  void aColumnOfAnotherTypeIsRefused() {
    TableEncoding e = TableEncoding.fit(training(), 32);
    Table wrong = new Table(
        List.of(new Column.Numeric("x", new float[] {1}), new Column.Numeric("k", new float[] {2})),
        List.of());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> e.encode(wrong));
    assertEquals("column k is numeric, but categorical in the model", error.getMessage());
  }

  private static float[] row(float[] block, int r, int width) {
    float[] v = new float[width];
    System.arraycopy(block, r * width, v, 0, width);
    return v;
  }
}
