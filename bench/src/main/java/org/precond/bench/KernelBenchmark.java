package org.precond.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.precond.kernel.Kernels;
import org.precond.kernel.ScalarKernels;

/**
 * The three matrix products of a 32-wide hidden layer over a block of 1,024 rows, one thread.
 * Scores are floating-point operations per nanosecond, i.e. GFLOP/s.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -jar bench/target/precond-bench.jar Kernel}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

  private static final int WIDTH = 32;
  private static final int COLS = 1024;
  private static final int FLOPS = 2 * WIDTH * WIDTH * COLS;

  @Param({"vector", "scalar"})
  public String kernels;

  private Kernels k;
  private float[] w;
  private float[] bias;
  private float[] slope;
  private float[] in;
  private float[] z;
  private float[] a;
  private float[] g;

  @Setup
  public void setUp() {
    k = kernels.equals("scalar") ? new ScalarKernels() : Kernels.get();
    if (kernels.equals("vector") && k instanceof ScalarKernels) {
      throw new IllegalStateException("Vector API kernels unavailable: add jdk.incubator.vector");
    }
    Random random = new Random(1);
    w = gaussian(random, WIDTH * WIDTH);
    bias = gaussian(random, WIDTH);
    slope = gaussian(random, WIDTH);
    in = gaussian(random, WIDTH * COLS);
    z = new float[WIDTH * COLS];
    a = new float[WIDTH * COLS];
    g = new float[WIDTH * WIDTH];
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** Forward: {@code z = Wᵀa + b}, then PReLU. */
  @Benchmark
  @OperationsPerInvocation(FLOPS)
  public float[] forward() {
    k.affinePrelu(WIDTH, WIDTH, COLS, w, 0, 1, WIDTH, bias, 0, slope, 0, in, z, a);
    return a;
  }

  /** Backward to the inputs: {@code dA = W dZ}. */
  @Benchmark
  @OperationsPerInvocation(FLOPS)
  public float[] backwardInput() {
    k.affine(WIDTH, WIDTH, COLS, w, 0, WIDTH, 1, null, 0, in, z);
    return z;
  }

  /** Backward to the weights: {@code dW = A dZᵀ}. */
  @Benchmark
  @OperationsPerInvocation(FLOPS)
  public float[] weightGradient() {
    k.weightGradient(WIDTH, WIDTH, COLS, in, z, g, 0);
    return g;
  }
}
