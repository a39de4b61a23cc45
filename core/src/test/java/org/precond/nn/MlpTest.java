package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  @Test
  void anEnsemblePassesEncodedRowsAsItsMembersPassTheWholeEncodedMatrix() {
    Random random = new Random(3);
    int inputs = 2;
    int rows = 2100; // blocks of 264 rows, the last one partial
    float[] x = new float[rows * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    PiecewiseLinearEncoding encoding = PiecewiseLinearEncoding.fit(x, inputs, 6);
    Architecture arch = new Architecture(encoding.width(), 5, 2, 2);
    java.util.List<Mlp> members = java.util.List.of(
        Mlp.initialize(arch, Initializer.HE, 1), Mlp.initialize(arch, Initializer.HE, 2),
        Mlp.initialize(arch, Initializer.HE, 3));
    float[] encoded = encoding.encode(x);
    try (Workers workers = new Workers(3)) {
      Mlp.Pass pass = new Ensemble(members, encoding).forward(x, workers);
      float[] mean = new float[rows * 2];
      for (int m = 0; m < members.size(); m++) {
        Mlp.Pass own = members.get(m).forward(encoded, workers);
        for (int r = 0; r < rows; r++) {
          for (int j = 0; j < 5; j++) {
            assertEquals(own.embedding()[r * 5 + j], pass.embedding()[r * 15 + m * 5 + j]);
          }
        }
        for (int i = 0; i < mean.length; i++) {
          mean[i] += own.output()[i];
        }
      }
      for (int i = 0; i < mean.length; i++) {
        assertEquals(mean[i] * (1f / 3), pass.output()[i], "output " + i);
      }
      Mlp.Pass single =
          new Ensemble(java.util.List.of(members.get(1)), encoding).forward(x, workers);
      assertArrayEquals(members.get(1).forward(encoded, workers).output(), single.output());
    }
  }
}
