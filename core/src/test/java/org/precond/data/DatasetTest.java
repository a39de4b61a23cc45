package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

  private static Dataset threeRows() {
    return new Dataset(
        3,
        new float[] {1, 2, 3, 4, 5, 6},
        List.of("a", "b"),
        new float[] {10, 20, 30},
        List.of("y"));
  }

  @Test
  void accessorsReadRowMajorBlocks() {
    Dataset data = threeRows();
    assertEquals(3, data.rows());
    assertEquals(2, data.featureCount());
    assertEquals(1, data.targetCount());
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(List.of("y"), data.targetNames());
    assertEquals(4f, data.feature(1, 1));
    assertEquals(5f, data.feature(2, 0));
    assertEquals(30f, data.target(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> data.feature(3, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> data.feature(0, 2));
  }

  @Test
  void selectCopiesRowsInTheGivenOrder() {
    Dataset subset = threeRows().select(new int[] {2, 0, 2});
    assertEquals(3, subset.rows());
    assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, subset.features());
    assertArrayEquals(new float[] {30, 10, 30}, subset.targets());
    assertEquals(List.of("a", "b"), subset.featureNames());
    assertThrows(IndexOutOfBoundsException.class, () -> threeRows().select(new int[] {3}));
  }

  @Test
  void allowsZeroTargetColumns() {
    Dataset data = new Dataset(2, new float[] {1, 2}, List.of("x"), new float[0], List.of());
    assertEquals(0, data.targetCount());
    assertEquals(0, data.select(new int[] {1}).targets().length);
    assertEquals(2f, data.select(new int[] {1}).feature(0, 0));
  }

  @Test
  void rejectsInconsistentShapesAndNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(2, new float[3], List.of("a"), new float[2], List.of("y")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(2, new float[2], List.of("a"), new float[1], List.of("y")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(1, new float[2], List.of("a", "a"), new float[0], List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(1, new float[1], List.of("a"), new float[1], List.of("a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dataset(1, new float[0], List.of(), new float[1], List.of("y")));
  }
}
