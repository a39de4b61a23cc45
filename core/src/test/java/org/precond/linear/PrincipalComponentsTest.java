package org.precond.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

class PrincipalComponentsTest extends RandomizedTest {

  @Test
  void pointsOnALineHaveOneComponent() {
    // (t, 2t − 1): all the variance lies along (1, 2)/√5.
    PrincipalComponents pca = PrincipalComponents.fit(new float[] {0, -1, 1, 1, 2, 3, 3, 5}, 2);
    double s = Math.sqrt(5);
    assertArrayEquals(new double[] {1 / s, 2 / s}, pca.component(0), 1e-12);
    assertArrayEquals(new double[] {2 / s, -1 / s}, pca.component(1), 1e-12);
    // Variance of 0..3 is 5/3 with divisor n − 1; along the line it is 5 times that.
    assertArrayEquals(new double[] {25.0 / 3, 0}, pca.explainedVariance(), 1e-12);
    assertArrayEquals(new double[] {1, 0}, pca.explainedVarianceRatio(), 1e-12);
    assertArrayEquals(new double[] {1.5, 2}, pca.means(), 1e-12);
  }

  @Test
  void recoversTheAxesOfARotatedStretchedGaussian() {
    SplittableRandom random = new SplittableRandom(seed());
    // Standard deviations 3, 1 and 0.3 along u, v and z, where u and v are the x and y axes turned
    // by 30 degrees; offset from the origin so that centring matters.
    double angle = Math.toRadians(30);
    double[] u = {Math.cos(angle), Math.sin(angle), 0};
    double[] v = {-Math.sin(angle), Math.cos(angle), 0};
    double[] z = {0, 0, 1};
    int rows = 20_000;
    float[] block = new float[rows * 3];
    for (int r = 0; r < rows; r++) {
      double a = 3 * random.nextGaussian();
      double b = random.nextGaussian();
      double c = 0.3 * random.nextGaussian();
      double[] offset = {5, -2, 10};
      for (int k = 0; k < 3; k++) {
        block[r * 3 + k] = (float) (offset[k] + a * u[k] + b * v[k] + c * z[k]);
      }
    }
    PrincipalComponents pca = PrincipalComponents.fit(block, 3);
    // The sign convention makes the largest loading positive, which u, v and z already have.
    assertArrayEquals(u, pca.component(0), 0.01);
    assertArrayEquals(v, pca.component(1), 0.02);
    assertArrayEquals(z, pca.component(2), 0.01);
    double total = 9 + 1 + 0.09;
    double[] ratios = pca.explainedVarianceRatio();
    assertEquals(9 / total, ratios[0], 0.01);
    assertEquals(1 / total, ratios[1], 0.01);
    assertEquals(0.09 / total, ratios[2], 0.002);
    assertEquals(9, pca.explainedVariance()[0], 0.3);
  }

  @Test
  void componentsAreOrthonormalSortedAndSigned() {
    SplittableRandom random = new SplittableRandom(seed());
    int d = 6;
    float[] block = new float[200 * d];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) (random.nextGaussian() * (1 + i % d));
    }
    PrincipalComponents pca = PrincipalComponents.fit(block, d);
    double[] variances = pca.explainedVariance();
    double ratioSum = 0;
    for (int k = 0; k < d; k++) {
      double[] a = pca.component(k);
      int largest = 0;
      for (int c = 1; c < d; c++) {
        largest = Math.abs(a[c]) > Math.abs(a[largest]) ? c : largest;
      }
      assertTrue(a[largest] > 0, "component " + k);
      for (int j = 0; j < d; j++) {
        assertEquals(k == j ? 1 : 0, dot(a, pca.component(j)), 1e-10);
      }
      if (k > 0) {
        assertTrue(variances[k] <= variances[k - 1]);
      }
      ratioSum += pca.explainedVarianceRatio()[k];
    }
    assertEquals(1, ratioSum, 1e-12);
  }

  @Test
  void scoresAreCentredWithTheComponentVariancesAndRebuildTheRows() {
    SplittableRandom random = new SplittableRandom(seed());
    int d = 4;
    int rows = 500;
    float[] block = new float[rows * d];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) (random.nextGaussian() * (i % d + 1) + 3 * (i % d));
    }
    PrincipalComponents pca = PrincipalComponents.fit(block, d);
    float[] scores = pca.project(block, d);
    float[] leading = pca.project(block, 2);
    double[] variances = pca.explainedVariance();
    double[] means = pca.means();
    for (int k = 0; k < d; k++) {
      double sum = 0;
      double squares = 0;
      for (int r = 0; r < rows; r++) {
        sum += scores[r * d + k];
        squares += scores[r * d + k] * (double) scores[r * d + k];
      }
      assertEquals(0, sum / rows, 1e-5);
      assertEquals(variances[k], squares / (rows - 1), 1e-4 * variances[k]);
    }
    for (int r = 0; r < rows; r++) {
      assertEquals(scores[r * d], leading[r * 2]);
      assertEquals(scores[r * d + 1], leading[r * 2 + 1]);
      for (int c = 0; c < d; c++) {
        double rebuilt = means[c];
        for (int k = 0; k < d; k++) {
          rebuilt += scores[r * d + k] * pca.component(k)[c];
        }
        assertEquals(block[r * d + c], rebuilt, 1e-4);
      }
    }
  }

  @Test
  void fewerRowsThanColumnsLeaveTheRestFlat() {
    float[] block = LinearFitTest.gaussian(new SplittableRandom(seed()), 3 * 6, 1);
    PrincipalComponents pca = PrincipalComponents.fit(block, 6);
    double[] ratios = pca.explainedVarianceRatio();
    // Three centred rows span at most two directions.
    assertEquals(1, ratios[0] + ratios[1], 1e-12);
    for (int k = 2; k < 6; k++) {
      assertEquals(0, pca.explainedVariance()[k], 1e-12);
    }
  }

  @Test
  void constantDataHaveNoVarianceAnywhere() {
    PrincipalComponents pca = PrincipalComponents.fit(new float[] {1, 2, 1, 2, 1, 2}, 2);
    assertArrayEquals(new double[2], pca.explainedVariance());
    assertArrayEquals(new double[2], pca.explainedVarianceRatio());
    assertArrayEquals(new float[3], pca.project(new float[] {1, 2, 1, 2, 1, 2}, 1));
  }

  @Test
  void theSameDataGiveTheSameComponents() {
    float[] block = LinearFitTest.gaussian(new SplittableRandom(seed()), 300 * 5, 1);
    PrincipalComponents a = PrincipalComponents.fit(block, 5);
    PrincipalComponents b = PrincipalComponents.fit(block, 5);
    for (int k = 0; k < 5; k++) {
      assertArrayEquals(a.component(k), b.component(k), 0);
    }
    assertArrayEquals(a.project(block, 3), b.project(block, 3), 0);
  }

  @Test
  void rejectsBadShapesAndCounts() {
    assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(new float[3], 2));
    assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(new float[0], 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> PrincipalComponents.fit(new float[] {1, Float.POSITIVE_INFINITY}, 2));
    PrincipalComponents pca = PrincipalComponents.fit(new float[] {1, 2, 3, 5}, 2);
    assertThrows(IllegalArgumentException.class, () -> pca.project(new float[] {1, 2}, 0));
    assertThrows(IllegalArgumentException.class, () -> pca.project(new float[] {1, 2}, 3));
    assertThrows(IllegalArgumentException.class, () -> pca.project(new float[] {1, 2, 3}, 1));
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
