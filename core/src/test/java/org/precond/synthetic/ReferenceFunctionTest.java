package org.precond.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precond.data.Dataset;

class ReferenceFunctionTest {

  @Test
  void valuesMatchTheFormulas() {
    assertEquals(1, ReferenceFunction.E1.value(0, 0), 1e-15);
    assertEquals(Math.cos(5), ReferenceFunction.E1.value(3, -4), 1e-15);
    assertEquals(0.5, ReferenceFunction.E2.value(0, 0), 1e-15);
    assertEquals(3 + Math.cos(8) / 2 + Math.sin(5), ReferenceFunction.E2.value(1, 1), 1e-15);
  }

  @Test
  void uniformSamplesLieInTheDomainAndRepeatWithTheSeed() {
    for (ReferenceFunction f : ReferenceFunction.values()) {
      Dataset data = f.uniform(500, 11);
      assertEquals(500, data.rows());
      assertEquals(List.of("x1", "x2"), data.featureNames());
      assertEquals(List.of("y"), data.targetNames());
      for (float x : data.features()) {
        assertTrue(x >= f.lower() - 1e-6 && x <= f.upper() + 1e-6, f + ": " + x);
      }
      for (int i = 0; i < data.rows(); i++) {
        assertEquals(
            (float) f.value(data.feature(i, 0), data.feature(i, 1)), data.target(i, 0));
      }
      assertArrayEquals(data.features(), f.uniform(500, 11).features());
      assertFalse(Arrays.equals(data.features(), f.uniform(500, 12).features()));
    }
  }

  @Test
  void gridHasCeilSqrtNPointsPerSideIncludingTheCorners() {
    Dataset grid = ReferenceFunction.E2.grid(10);
    assertEquals(16, grid.rows());
    assertArrayEquals(new float[] {0, 0}, point(grid, 0));
    assertArrayEquals(new float[] {0, 1f / 3}, point(grid, 1));
    assertArrayEquals(new float[] {1f / 3, 0}, point(grid, 4));
    assertArrayEquals(new float[] {1, 1}, point(grid, 15));
    assertEquals(49, ReferenceFunction.E1.grid(49).rows());
    Dataset single = ReferenceFunction.E1.grid(1);
    assertArrayEquals(new float[] {0, 0}, single.features());
    assertArrayEquals(new float[] {1}, single.targets());
  }

  private static float[] point(Dataset data, int row) {
    return new float[] {data.feature(row, 0), data.feature(row, 1)};
  }

  @Test
  void referenceSizesAreThoseOfTheExperiments() {
    assertEquals(10_000, ReferenceFunction.E1.referenceSize());
    assertEquals(40, ReferenceFunction.E2.referenceSize());
  }
}
