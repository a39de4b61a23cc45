package org.precond.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.precond.data.Dataset;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;

/**
 * What approximate search changes in a model's predictions: the model as saved (searching its HNSW
 * graph) against the same model with the same predictor refitted to search exactly, on rows with
 * targets — RMSE and the coverage of 90% intervals of each, and how many predictions differ.
 *
 * <p>Usage: {@code ExactAgainstHnsw MODEL CSV [rows]}: the first {@code rows} rows of the CSV
 * (default all).
 */
public final class ExactAgainstHnsw {

  private ExactAgainstHnsw() {}

  public static void main(String[] args) throws IOException {
    PrecondModel saved = PrecondModel.load(Path.of(args[0]));
    Dataset rows = saved.readRows(Path.of(args[1]));
    if (args.length > 2 && Integer.parseInt(args[2]) < rows.rows()) {
      int[] first = new int[Integer.parseInt(args[2])];
      Arrays.setAll(first, i -> i);
      rows = rows.select(first);
    }
    if (saved.predictor().graph() == null) {
      throw new IllegalArgumentException(args[0] + " searches exactly already");
    }
    long start = System.nanoTime();
    PrecondModel exact = saved.withPredictor(saved.predictorSpec());
    System.out.printf("%s, refitted to search exactly in %.1f s%n",
        saved.predictorSpec().describe(), (System.nanoTime() - start) * 1e-9);
    Predictions a = saved.predict(rows);
    start = System.nanoTime();
    Predictions b = exact.predict(rows);
    System.out.printf("exact search predicted %,d rows in %.1f s%n", rows.rows(),
        (System.nanoTime() - start) * 1e-9);
    float[] y = rows.targets();
    double hnsw = rmse(a.means(), y);
    double brute = rmse(b.means(), y);
    int differ = 0;
    for (int i = 0; i < y.length; i++) {
      differ += a.means()[i] != b.means()[i] ? 1 : 0;
    }
    System.out.printf("%,d rows: RMSE hnsw %.5f, exact %.5f (hnsw/exact − 1 = %+.3f%%);"
            + " 90%% coverage hnsw %.4f, exact %.4f; %,d predictions differ%n",
        y.length, hnsw, brute, 100 * (hnsw / brute - 1), coverage(a, y), coverage(b, y), differ);
  }

  private static double rmse(float[] predicted, float[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double d = predicted[i] - y[i];
      sum += d * d;
    }
    return Math.sqrt(sum / y.length);
  }

  private static double coverage(Predictions p, float[] y) {
    float[][] bounds = p.interval(0.9);
    int in = 0;
    for (int i = 0; i < y.length; i++) {
      in += bounds[0][i] <= y[i] && y[i] <= bounds[1][i] ? 1 : 0;
    }
    return in / (double) y.length;
  }
}
