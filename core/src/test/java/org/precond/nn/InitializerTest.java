package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InitializerTest {

  private final Architecture arch = new Architecture(2, 6, 3, 2);

  private static double dotColumns(float[] p, int off, int rows, int cols, int j, int k) {
    double s = 0;
    for (int i = 0; i < rows; i++) {
      s += (double) p[off + i * cols + j] * p[off + i * cols + k];
    }
    return s;
  }

  @Test
  void luxColumnsAreUnitAndOrthogonalWithinEachGroup() {
    float[] p = Initializer.LUX.parameters(arch, 3);
    for (int l = 0; l < arch.depth(); l++) {
      int rows = arch.fanIn(l);
      int cols = arch.fanOut(l);
      int off = arch.weightOffset(l);
      for (int j = 0; j < cols; j++) {
        assertEquals(1.0, dotColumns(p, off, rows, cols, j, j), 1e-5, "unit column");
        for (int k = j + 1; k < cols && k / rows == j / rows; k++) {
          assertEquals(0.0, dotColumns(p, off, rows, cols, j, k), 1e-5, "orthogonal columns");
        }
        float shift = p[arch.biasOffset(l) + j];
        assertTrue(shift >= -1 && shift <= 1, "shift in [-1, 1]");
        assertEquals(0.001f, p[arch.slopeOffset(l) + j]);
      }
    }
    int out = arch.depth();
    for (int j = 0; j < arch.outputs(); j++) {
      double norm = Math.sqrt(dotColumns(p, arch.weightOffset(out), arch.width(), 2, j, j));
      assertEquals(0.001, norm, 1e-7, "output columns scaled by 0.001");
      assertEquals(0f, p[arch.biasOffset(out) + j]);
    }
  }

  @Test
  void sameSeedSameParametersOtherSeedOthers() {
    assertArrayEquals(Initializer.LUX.parameters(arch, 5), Initializer.LUX.parameters(arch, 5));
    assertArrayEquals(Initializer.HE.parameters(arch, 5), Initializer.HE.parameters(arch, 5));
    float[] a = Initializer.LUX.parameters(arch, 5);
    float[] b = Initializer.LUX.parameters(arch, 6);
    assertTrue(!java.util.Arrays.equals(a, b));
  }

  @Test
  void heHasVarianceTwoOverFanIn() {
    Architecture wide = new Architecture(200, 200, 1, 1);
    float[] p = Initializer.HE.parameters(wide, 1);
    double sum = 0;
    int n = 200 * 200;
    for (int i = 0; i < n; i++) {
      sum += (double) p[i] * p[i];
    }
    assertEquals(2.0 / 200, sum / n, 0.05 * 2.0 / 200);
    assertEquals(0.25f, p[wide.slopeOffset(0)]);
  }
}
