package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;
import org.precond.kernel.ScalarKernels;

/**
 * Every analytic gradient (weights, shifts, slopes, every layer) against central finite
 * differences of an independent double-precision forward pass.
 */
class GradientCheckTest {

  private static final Architecture ARCH = new Architecture(3, 5, 3, 2);
  private static final int ROWS = 13;

  @ParameterizedTest
  @CsvSource({
    "scalar, SQUARED_ERROR", "fastest, SQUARED_ERROR", "scalar, CROSS_ENTROPY",
    "fastest, CROSS_ENTROPY"
  })
  void analyticGradientMatchesFiniteDifferences(String which, Loss lossKind) {
    Kernels kernels = which.equals("scalar") ? new ScalarKernels() : Kernels.get();
    Random random = new Random(42);
    float[] p = Initializer.HE.parameters(ARCH, 7);
    for (int l = 0; l < ARCH.depth(); l++) {
      for (int j = 0; j < ARCH.width(); j++) {
        p[ARCH.biasOffset(l) + j] = (float) random.nextGaussian() * 0.5f;
        p[ARCH.slopeOffset(l) + j] = 0.1f + 0.4f * random.nextFloat();
      }
    }
    float[] x = gaussian(random, ROWS * ARCH.inputs());
    float[] y =
        lossKind == Loss.SQUARED_ERROR ? gaussian(random, ROWS * ARCH.outputs()) : oneHot(random);
    float[] g = new float[p.length];
    try (Workers workers = new Workers(1)) {
      double loss =
          new MseObjective(ARCH, NetworkInputs.of(x, ARCH.inputs()), y, workers, kernels, lossKind)
              .evaluate(p, null, 0, ROWS, g);
      assertEquals(referenceLoss(p, x, y, lossKind), loss, 1e-5 * loss, "loss");
    }
    double h = 1e-4;
    for (int i = 0; i < p.length; i++) {
      double[] plus = toDouble(p);
      double[] minus = toDouble(p);
      plus[i] += h;
      minus[i] -= h;
      double numeric =
          (referenceLoss(plus, x, y, lossKind) - referenceLoss(minus, x, y, lossKind)) / (2 * h);
      assertEquals(
          numeric, g[i], 1e-4 + 1e-3 * Math.abs(numeric), "gradient of parameter " + i + " " + where(i));
    }
  }

  private static String where(int i) {
    for (int l = ARCH.layers() - 1; l >= 0; l--) {
      if (i >= ARCH.weightOffset(l)) {
        if (i >= ARCH.biasOffset(l) + ARCH.fanOut(l)) {
          return "(slope, layer " + l + ")";
        }
        return i >= ARCH.biasOffset(l) ? "(shift, layer " + l + ")" : "(weight, layer " + l + ")";
      }
    }
    return "";
  }

  private static float[] gaussian(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }

  /** One class of {@code ARCH.outputs()} per row, drawn at random. */
  private static float[] oneHot(Random random) {
    float[] y = new float[ROWS * ARCH.outputs()];
    for (int r = 0; r < ROWS; r++) {
      y[r * ARCH.outputs() + random.nextInt(ARCH.outputs())] = 1;
    }
    return y;
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static double referenceLoss(float[] p, float[] x, float[] y, Loss loss) {
    return referenceLoss(toDouble(p), x, y, loss);
  }

  /** The network written out plainly, row by row, in double precision. */
  private static double referenceLoss(double[] p, float[] x, float[] y, Loss loss) {
    double sum = 0;
    for (int r = 0; r < ROWS; r++) {
      double[] a = new double[ARCH.inputs()];
      for (int i = 0; i < a.length; i++) {
        a[i] = x[r * ARCH.inputs() + i];
      }
      for (int l = 0; l < ARCH.layers(); l++) {
        double[] next = new double[ARCH.fanOut(l)];
        for (int j = 0; j < next.length; j++) {
          double z = p[ARCH.biasOffset(l) + j];
          for (int i = 0; i < a.length; i++) {
            z += p[ARCH.weightOffset(l) + i * next.length + j] * a[i];
          }
          next[j] = ARCH.isHidden(l) && z < 0 ? p[ARCH.slopeOffset(l) + j] * z : z;
        }
        a = next;
      }
      if (loss == Loss.CROSS_ENTROPY) {
        double total = 0;
        for (double v : a) {
          total += Math.exp(v);
        }
        for (int o = 0; o < ARCH.outputs(); o++) {
          sum -= y[r * ARCH.outputs() + o] * (a[o] - Math.log(total));
        }
        continue;
      }
      for (int o = 0; o < ARCH.outputs(); o++) {
        double d = a[o] - y[r * ARCH.outputs() + o];
        sum += d * d;
      }
    }
    return loss == Loss.CROSS_ENTROPY ? sum / ROWS : sum / (ROWS * ARCH.outputs());
  }
}
