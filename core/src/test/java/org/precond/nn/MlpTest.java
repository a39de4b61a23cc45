package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precond.concurrent.Workers;

class MlpTest {

  @Test
  void outputIsLinearInTheEmbedding() {
    Architecture arch = new Architecture(3, 7, 2, 2);
    Mlp mlp = Mlp.initialize(arch, Initializer.HE, 11);
    float[] p = mlp.parameters();
    Random random = new Random(1);
    int rows = 1500; // several blocks, the last one partial
    float[] x = new float[rows * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    try (Workers workers = new Workers(2)) {
      float[] e = mlp.embed(x, workers);
      float[] y = mlp.predict(x, workers);
      float[] w = mlp.outputWeights();
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < 2; o++) {
          double expected = p[arch.biasOffset(2) + o];
          for (int j = 0; j < 7; j++) {
            expected += e[r * 7 + j] * w[j * 2 + o];
          }
          assertEquals(expected, y[r * 2 + o], 1e-5 * Math.max(1, Math.abs(expected)));
        }
      }
    }
  }

  @Test
  void rejectsParametersOfTheWrongSize() {
    Architecture arch = new Architecture(2, 3, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> new Mlp(arch, new float[3]));
  }
}
