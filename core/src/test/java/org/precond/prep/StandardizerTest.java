package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.precond.data.Dataset;
import org.precond.testing.RandomizedTest;

class StandardizerTest extends RandomizedTest {

  @Test
  void fitsPopulationMeanAndStandardDeviation() {
    // Column 0: 1, 2, 3, 4 -> mean 2.5, population std sqrt(1.25). Column 1: 10, 10, 30, 30.
    Standardizer s = Standardizer.fit(new float[] {1, 10, 2, 10, 3, 30, 4, 30}, 2);
    assertEquals(2, s.columns());
    assertArrayEquals(new double[] {2.5, 20}, s.means(), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(1.25), 10}, s.stds(), 1e-12);
    float[] z = s.transform(new float[] {1, 10, 4, 30});
    assertArrayEquals(
        new float[] {(float) (-1.5 / Math.sqrt(1.25)), -1, (float) (1.5 / Math.sqrt(1.25)), 1},
        z,
        1e-6f);
  }

  @Test
  void transformedColumnsHaveMeanZeroAndStdOne() {
    SplittableRandom random = new SplittableRandom(seed());
    float[] block = new float[3000];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) (1000 + 50 * random.nextGaussian()) * (i % 3 + 1);
    }
    float[] z = Standardizer.fit(block, 3).transform(block);
    Standardizer again = Standardizer.fit(z, 3);
    assertArrayEquals(new double[3], again.means(), 1e-5);
    assertArrayEquals(new double[] {1, 1, 1}, again.stds(), 1e-5);
  }

  @Test
  void inverseTransformUndoesTransform() {
    SplittableRandom random = new SplittableRandom(seed());
    float[] block = new float[400];
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) (random.nextGaussian() * 1e3 + 7);
    }
    Standardizer s = Standardizer.fit(block, 4);
    float[] back = s.inverseTransform(s.transform(block));
    for (int i = 0; i < block.length; i++) {
      assertEquals(block[i], back[i], Math.ulp(block[i]) * 2 + 1e-4f, "value " + i);
    }
  }

  @Test
  void aConstantColumnKeepsStdOneAndIsOnlyCentred() {
    // 0.1f repeated: its double mean is not exactly 0.1f, yet the column must count as constant.
    Standardizer s = Standardizer.fit(new float[] {0.1f, 1, 0.1f, 2, 0.1f, 3}, 2);
    assertEquals(1.0, s.stds()[0]);
    float[] z = s.transform(new float[] {0.1f, 2});
    assertEquals(0f, z[0], 1e-7f);
    assertEquals(0f, z[1]);
  }

  @Test
  void rebuildsFromStoredStatistics() {
    Standardizer fitted = Standardizer.fit(new float[] {1, 5, 3, 9, 8, 1}, 2);
    Standardizer rebuilt = Standardizer.of(fitted.means(), fitted.stds());
    float[] block = {2, 3, 4, 5};
    assertArrayEquals(fitted.transform(block), rebuilt.transform(block));
    assertThrows(
        IllegalArgumentException.class,
        () -> Standardizer.of(new double[] {0}, new double[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Standardizer.of(new double[] {0, 1}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Standardizer.of(new double[] {Double.NaN}, new double[] {1}));
  }

  @Test
  void fitsDatasetFeaturesAndTargetsSeparately() {
    Dataset data =
        new Dataset(
            2, new float[] {0, 10, 2, 20}, List.of("a", "b"), new float[] {5, 7}, List.of("y"));
    assertArrayEquals(new double[] {1, 15}, Standardizer.fitFeatures(data).means(), 0);
    assertArrayEquals(new double[] {6}, Standardizer.fitTargets(data).means(), 0);
    assertArrayEquals(new double[] {1}, Standardizer.fitTargets(data).stds(), 0);
  }

  @Test
  void rejectsMisshapenBlocks() {
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[0], 2));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[3], 2));
    Standardizer s = Standardizer.fit(new float[] {1, 2, 3, 4}, 2);
    assertThrows(IllegalArgumentException.class, () -> s.transform(new float[3]));
  }
}
