package org.precond.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void dataThatDoesNotFillTheShapeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tensor.ofFloats("w", new int[] {2, 3}, new float[5]));
    assertEquals("tensor 'w': 5 values do not match shape [2, 3] (6 values)", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.ofInts("i", new int[] {2}, new int[3]));
  }

  @Test
  void badShapesAndNamesAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.ofFloats("w", new int[] {-1}, new float[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Tensor.ofFloats("w", new int[] {1 << 16, 1 << 16}, new float[0]));
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.ofFloats("", new int[] {0}, new float[0]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tensor.ofFloats("a\nb", new int[] {0}, new float[0]));
    assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
  }

  @Test
  void rankZeroHoldsOneValueAndAZeroDimensionNone() {
    assertEquals(1, Tensor.ofFloats("s", new int[] {}, new float[] {3}).size());
    assertEquals(0, Tensor.ofFloats("e", new int[] {4, 0, 7}, new float[0]).size());
    // A zero dimension empties the shape even when the others overflow an int together.
    assertEquals(0, Tensor.elementCount(new int[] {1 << 30, 1 << 30, 0}));
  }

  @Test
  void tensorsCopyOnTheWayInAndOut() {
    int[] shape = {3};
    float[] data = {1, 2, 3};
    Tensor t = Tensor.ofFloats("w", shape, data);
    data[0] = 99;
    shape[0] = 99;
    t.toFloatArray()[1] = 99;
    t.shape()[0] = 99;
    assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray());
    assertArrayEquals(new int[] {3}, t.shape());
  }

  @Test
  void valuesAreReadOnlyAsTheirOwnType() {
    Tensor f = Tensor.ofFloats("f", new int[] {1}, new float[] {1});
    Tensor i = Tensor.ofInts("i", new int[] {1}, new int[] {1});
    assertEquals(Tensor.ElementType.FLOAT32, f.type());
    assertEquals(Tensor.ElementType.INT32, i.type());
    IllegalStateException e = assertThrows(IllegalStateException.class, f::toIntArray);
    assertEquals("tensor 'f' holds float32 values, not int32", e.getMessage());
    assertThrows(IllegalStateException.class, i::toFloatArray);
  }

  @Test
  void equalityIsByContent() {
    assertEquals(
        Tensor.ofFloats("w", new int[] {2}, new float[] {1, Float.NaN}),
        Tensor.ofFloats("w", new int[] {2}, new float[] {1, Float.NaN}));
    assertEquals(
        Tensor.ofFloats("w", new int[] {2}, new float[] {1, 2}).hashCode(),
        Tensor.ofFloats("w", new int[] {2}, new float[] {1, 2}).hashCode());
    assertNotEquals(
        Tensor.ofFloats("w", new int[] {2}, new float[] {1, 2}),
        Tensor.ofFloats("w", new int[] {1, 2}, new float[] {1, 2}));
    assertEquals(
        "Tensor[w float32 [2, 3]]",
        Tensor.ofFloats("w", new int[] {2, 3}, new float[6]).toString());
  }
}
