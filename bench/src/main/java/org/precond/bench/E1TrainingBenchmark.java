package org.precond.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.precond.data.Dataset;
import org.precond.kernel.Kernels;
import org.precond.metrics.RegressionMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.nn.Architecture;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.TrainingConfig;

/**
 * E1 training, precond against PyTorch in the same run: 10,000 uniform points of cos(‖x‖) on
 * [−4π, 4π]², 32 wide × 8 deep PReLU, 1,000 full-batch Adam steps at rate 0.01, the same number
 * of threads for both. Runs alternate (precond, then PyTorch) so that both see the same machine
 * load; medians are reported. The first precond run in this JVM, which includes JIT compilation,
 * is reported apart as the cold time a one-off {@code precond fit} sees. PyTorch runs with both
 * one thread and the given count, and the ratio is taken against its faster median: its OpenMP
 * threads spin at barriers and lose badly when anything else wants a core.
 *
 * <p>Then the accuracy of the default training (which holds out 10% of the rows to keep the best
 * validation loss): test RMSE on 10,000 fresh uniform points, median
 * over seeds 1..N (training points, test points and initialisation all change with the seed).
 *
 * <p>Usage: {@code run-e1-training.sh [--reps 3] [--threads 2] [--accuracy-seeds 5]}
 */
public final class E1TrainingBenchmark {

  public static void main(String[] args) throws Exception {
    int reps = 3;
    int threads = 2;
    int accuracySeeds = 5;
    String python = "/usr/bin/python3";
    Path script = Path.of("bench/python/e1_torch.py");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--accuracy-seeds" -> accuracySeeds = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--script" -> script = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Dataset train = ReferenceFunction.E1.uniform(10_000, 1);
    Dataset test = ReferenceFunction.E1.uniform(10_000, 2);
    // PyTorch's workload: every row trains, no validation passes.
    TrainingConfig config =
        TrainingConfig.builder().threads(threads).seed(1).validationFraction(0).build();
    double flops = flopsPerRowStep(new Architecture(2, 32, 8, 1)) * 10_000.0 * config.steps();

    System.out.printf(
        Locale.ROOT,
        "E1 training: 10,000 rows, 32 x 8 PReLU, %d full-batch Adam steps, %d threads, kernels %s%n",
        config.steps(), threads, Kernels.get().name());
    double cold = trainSeconds(config, train, test, true);
    if (reps > 0) {
      compareWithTorch(config, train, test, reps, threads, python, script, cold, flops);
    }
    accuracy(config, threads, accuracySeeds);
  }

  private static void compareWithTorch(
      TrainingConfig config,
      Dataset train,
      Dataset test,
      int reps,
      int threads,
      String python,
      Path script,
      double cold,
      double flops)
      throws IOException, InterruptedException {
    List<Double> ours = new ArrayList<>();
    List<Double> torch = new ArrayList<>();
    List<Double> torchOne = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      ours.add(trainSeconds(config, train, test, false));
      torch.add(torchSeconds(python, script, threads));
      torchOne.add(threads == 1 ? torch.get(r) : torchSeconds(python, script, 1));
      System.out.printf(
          Locale.ROOT,
          "  run %d: precond %.2f s, PyTorch %.2f s (%d threads), %.2f s (1 thread)%n",
          r + 1, ours.get(r), torch.get(r), threads, torchOne.get(r));
    }
    double mo = median(ours);
    double mt = Math.min(median(torch), median(torchOne));
    System.out.printf(
        Locale.ROOT,
        "precond: cold %.2f s; median of %d warm runs %.2f s = %.1f GFLOP/s (%.1f GFLOP)%n",
        cold, reps, mo, flops / mo / 1e9, flops / 1e9);
    System.out.printf(
        Locale.ROOT,
        "PyTorch: median of %d runs %.2f s with %d threads, %.2f s with 1%n",
        reps, median(torch), threads, median(torchOne));
    System.out.printf(
        Locale.ROOT,
        "ratio precond / PyTorch (its faster setting): %.2f (cold: %.2f)%n",
        mo / mt, cold / mt);
  }

  private static void accuracy(TrainingConfig config, int threads, int accuracySeeds) {
    List<Double> rmse = new ArrayList<>();
    for (int seed = 1; seed <= accuracySeeds; seed++) {
      Dataset seedTrain = ReferenceFunction.E1.uniform(10_000, seed);
      Dataset seedTest = ReferenceFunction.E1.uniform(10_000, 1000 + seed);
      PrecondModel model =
          Regressor.builder()
              .training(TrainingConfig.builder().threads(threads).seed(seed).build())
              .ensemble(1).encodingBins(0).predictor(PredictorSpec.NETWORK).calibration(0).build()
              .fit(seedTrain);
      float[] predicted = model.predict(seedTest).means();
      rmse.add(RegressionMetrics.compute(seedTest.targets(), predicted, 1).rmse(0));
      System.out.printf(Locale.ROOT, "  seed %d: test RMSE %.4f%n", seed, rmse.get(rmse.size() - 1));
    }
    if (!rmse.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "E1 network test RMSE, median over %d seeds: %.4f (min %.4f, max %.4f)%n",
          rmse.size(), median(rmse), rmse.stream().mapToDouble(d -> d).min().getAsDouble(),
          rmse.stream().mapToDouble(d -> d).max().getAsDouble());
    }
  }

  /**
   * Floating-point operations per row and step: forward, weight gradients, and gradients of
   * every layer's inputs but the first, each 2 · fan-in · fan-out.
   */
  static double flopsPerRowStep(Architecture a) {
    double sum = 0;
    for (int l = 0; l < a.layers(); l++) {
      sum += (double) a.fanIn(l) * a.fanOut(l);
    }
    return 2 * (3 * sum - (double) a.fanIn(0) * a.fanOut(0));
  }

  private static double trainSeconds(
      TrainingConfig config, Dataset train, Dataset test, boolean report) {
    long t0 = System.nanoTime();
    PrecondModel model =
        Regressor.builder().training(config).ensemble(1).encodingBins(0)
            .predictor(PredictorSpec.NETWORK).calibration(0).build().fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (report) {
      float[] predicted = model.predict(test).means();
      System.out.printf(
          Locale.ROOT,
          "  test RMSE of the trained network: %.4f (%s)%n",
          RegressionMetrics.compute(test.targets(), predicted, 1).rmse(0),
          model.provenance().history().message());
    }
    return seconds;
  }

  private static double torchSeconds(String python, Path script, int threads)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(python, script.toString(), "--threads", Integer.toString(threads))
            .redirectErrorStream(true)
            .start();
    String output;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      output = String.join("\n", r.lines().toList());
    }
    if (p.waitFor() != 0) {
      throw new IOException("PyTorch run failed: " + output);
    }
    String line = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    int at = line.indexOf("\"seconds\":") + "\"seconds\":".length();
    return Double.parseDouble(line.substring(at, line.indexOf(',', at)).trim());
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
