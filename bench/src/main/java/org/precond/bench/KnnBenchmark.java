package org.precond.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;
import org.precond.neighbors.IndexType;
import org.precond.neighbors.NeighborIndex;
import org.precond.neighbors.Neighbors;

/**
 * End-to-end exact k-NN, precond against scikit-learn's brute force on the same float32 data in
 * the same run: indexing plus search of every query, median of several repetitions each after a
 * warm-up (scikit-learn's {@code fit} plus {@code kneighbors}, and {@code fit} plus {@code
 * predict}), and how often the two agree on the neighbour rows. The CPU time of both processes
 * over the same runs is reported too: on a machine shared with other work it says more than the
 * wall clock.
 *
 * <p>Usage: {@code KnnBenchmark [points queries dimension k threads repetitions [script]]},
 * defaults {@code 10000 10000 32 10 2 7 bench/python/knn_sklearn.py}; scikit-learn runs under
 * {@code /usr/bin/python3} with {@code OMP_NUM_THREADS} set to the thread count.
 */
public final class KnnBenchmark {

  private static final String PYTHON = "/usr/bin/python3";

  /**
   * Runs before timing: the Vector API is slow until C2 has compiled the kernels, which takes a
   * few runs of this size (longer on a busy machine).
   */
  private static final int WARM_UP = 10;

  private KnnBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int n = intArg(args, 0, 10_000);
    int q = intArg(args, 1, 10_000);
    int d = intArg(args, 2, 32);
    int k = intArg(args, 3, 10);
    int threads = intArg(args, 4, 2);
    int reps = intArg(args, 5, 7);
    Path script = Path.of(args.length > 6 ? args[6] : "bench/python/knn_sklearn.py");

    Random random = new Random(42);
    float[] points = gaussian(random, n * d);
    float[] queries = gaussian(random, q * d);
    float[] targets = gaussian(random, n);

    System.out.printf(
        "exact %d-NN of %d queries among %d points in %d dimensions, %d threads, kernels %s%n",
        k, q, n, d, threads, Kernels.get().name());
    double[] precond = new double[reps];
    // The process's CPU time ticks in hundredths of a second here: only its total over every
    // timed run is precise enough, so it is reported as the mean per run.
    double precondCpu = 0;
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double cold = 0;
    Neighbors found = null;
    try (Workers workers = new Workers(threads)) {
      for (int r = -WARM_UP; r < reps; r++) {
        long start = System.nanoTime();
        long startCpu = os.getProcessCpuTime();
        found = NeighborIndex.build(points, d, IndexType.EXACT).search(queries, k, workers);
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (r == -WARM_UP) {
          cold = seconds;
        } else if (r >= 0) {
          precond[r] = seconds;
          precondCpu += (os.getProcessCpuTime() - startCpu) * 1e-9 / reps;
        }
      }
    }

    Path dir = Files.createTempDirectory("precond-knn");
    try {
      Path pointsFile = write(dir.resolve("points.f32"), points);
      Path targetsFile = write(dir.resolve("targets.f32"), targets);
      Path queriesFile = write(dir.resolve("queries.f32"), queries);
      Path rowsFile = dir.resolve("rows.i32");
      List<String> command =
          List.of(
              PYTHON,
              script.toString(),
              pointsFile.toString(),
              targetsFile.toString(),
              queriesFile.toString(),
              rowsFile.toString(),
              Integer.toString(n),
              Integer.toString(q),
              Integer.toString(d),
              Integer.toString(k),
              Integer.toString(reps),
              Integer.toString(threads));
      List<String> lines = runPython(command, threads);
      double[] kneighbors = times(lines, "kneighbors");
      double[] predict = times(lines, "predict");
      double[] kneighborsCpu = times(lines, "kneighbors-cpu");
      double ours = median(precond);
      System.out.printf(
          "precond ExactIndex build+search  %s  (first run, before the JIT: %.0f ms)%n",
          describe(precond), cold * 1e3);
      System.out.printf("sklearn fit+kneighbors (brute)   %s  ratio %.1fx%n",
          describe(kneighbors), median(kneighbors) / ours);
      System.out.printf("sklearn fit+predict (brute)      %s  ratio %.1fx%n",
          describe(predict), median(predict) / ours);
      System.out.printf(
          "CPU time per run, all threads: precond %.1f ms (mean), sklearn fit+kneighbors %.1f ms"
              + " (median), ratio %.1fx%n",
          precondCpu * 1e3,
          median(kneighborsCpu) * 1e3,
          median(kneighborsCpu) / precondCpu);
      System.out.printf(
          "neighbour rows identical to sklearn for %.2f%% of queries%n",
          100.0 * agreement(found, readInts(rowsFile, q * k), k));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static int intArg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  private static float[] gaussian(Random random, int count) {
    float[] x = new float[count];
    for (int i = 0; i < count; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static Path write(Path file, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return Files.write(file, bytes.array());
  }

  private static int[] readInts(Path file, int count) throws IOException {
    int[] values = new int[count];
    ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .get(values);
    return values;
  }

  private static List<String> runPython(List<String> command, int threads)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    }
    if (process.waitFor() != 0) {
      throw new IOException(
          "scikit-learn run failed: "
              + String.join(" ", command)
              + "\n"
              + String.join("\n", lines));
    }
    return lines;
  }

  private static double[] times(List<String> lines, String name) throws IOException {
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      if (words[0].equals(name)) {
        double[] t = new double[words.length - 1];
        for (int i = 0; i < t.length; i++) {
          t[i] = Double.parseDouble(words[i + 1]);
        }
        return t;
      }
    }
    throw new IOException("no '" + name + "' timing in the scikit-learn output: " + lines);
  }

  /** The share of queries whose k rows are the same set in both results. */
  private static double agreement(Neighbors found, int[] theirs, int k) {
    int same = 0;
    int[] a = new int[k];
    int[] b = new int[k];
    for (int query = 0; query < found.queries(); query++) {
      for (int r = 0; r < k; r++) {
        a[r] = found.index(query, r);
        b[r] = theirs[query * k + r];
      }
      Arrays.sort(a);
      Arrays.sort(b);
      if (Arrays.equals(a, b)) {
        same++;
      }
    }
    return (double) same / found.queries();
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  private static String describe(double[] t) {
    StringBuilder all = new StringBuilder();
    for (double v : t) {
      all.append(all.length() == 0 ? "" : " ").append(String.format("%.1f", v * 1e3));
    }
    return String.format("median %7.1f ms of %d [%s]", median(t) * 1e3, t.length, all);
  }
}
