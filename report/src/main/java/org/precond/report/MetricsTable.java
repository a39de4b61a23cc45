package org.precond.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precond.evaluate.EvaluationRow;
import org.precond.metrics.RegressionMetrics;
import org.precond.model.PredictorSpec;

/**
 * Every estimator's test figures side by side, per target: RMSE, MAE, maximum error and R²,
 * averaged over runs (the folds of a cross-validation, or one held-out set), with the lowest RMSE
 * marked as the best.
 */
public final class MetricsTable {

  /** The figures of each row, in this order, as JSON names. */
  public static final List<String> FIGURES = List.of("rmse", "mae", "max_error", "r2");

  /**
   * One estimator's figures.
   *
   * @param method the method's label, {@code mlp} for the network alone
   * @param space the space's label, {@code -} for the network
   * @param residual whether the interpolant interpolated the network's residuals
   * @param k the neighbourhood size chosen, per run when runs chose differently; {@code -} for the
   *     network
   * @param figures per target, the {@link #FIGURES} in order
   */
  public record Row(String method, String space, boolean residual, String k, double[][] figures) {

    /** What was interpolated: {@code target}, {@code residual}, or {@code -} for the network. */
    public String values() {
      return method.equals("mlp") ? "-" : residual ? "residual" : "target";
    }

    public double rmse(int target) {
      return figures[target][0];
    }
  }

  private final List<String> targetNames;
  private final List<Row> rows;

  private MetricsTable(List<String> targetNames, List<Row> rows) {
    this.targetNames = List.copyOf(targetNames);
    this.rows = List.copyOf(rows);
  }

  /** The figures of one run. */
  public static MetricsTable of(List<EvaluationRow> run, List<String> targetNames) {
    return averaged(List.of(run), targetNames);
  }

  /** The mean figures of several runs of the same estimators, in the same order. */
  public static MetricsTable averaged(List<List<EvaluationRow>> runs, List<String> targetNames) {
    int targets = targetNames.size();
    List<Row> out = new ArrayList<>();
    for (int e = 0; e < runs.get(0).size(); e++) {
      double[][] figures = new double[targets][FIGURES.size()];
      List<String> ks = new ArrayList<>();
      for (List<EvaluationRow> run : runs) {
        EvaluationRow row = run.get(e);
        RegressionMetrics m = row.metrics();
        for (int t = 0; t < targets; t++) {
          figures[t][0] += m.rmse(t) / runs.size();
          figures[t][1] += m.mae(t) / runs.size();
          figures[t][2] += m.maxError(t) / runs.size();
          figures[t][3] += m.r2(t) / runs.size();
        }
        if (!row.estimator().isNetwork()) {
          ks.add(Integer.toString(row.estimator().interpolant().k()));
        }
      }
      PredictorSpec first = runs.get(0).get(e).estimator();
      out.add(
          new Row(
              first.methodLabel(),
              first.isNetwork() ? "-" : first.space().label(),
              first.residual(),
              ks.isEmpty() ? "-" : String.join("/", ks.stream().distinct().toList()),
              figures));
    }
    return new MetricsTable(targetNames, out);
  }

  public List<String> targetNames() {
    return targetNames;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The index of the row with the lowest RMSE on a target (the first of equals). */
  public int best(int target) {
    int best = 0;
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).rmse(target) < rows.get(best).rmse(target)) {
        best = r;
      }
    }
    return best;
  }

  /** Prints one aligned table per target, the best row marked with {@code *}. */
  public void print(PrintWriter out) {
    for (int t = 0; t < targetNames.size(); t++) {
      int best = best(t);
      out.printf(Locale.ROOT, "target %s%n", targetNames.get(t));
      out.printf(
          Locale.ROOT, "  %-18s %-9s %-8s %-6s %10s %10s %10s %8s%n",
          "method", "space", "values", "k", "RMSE", "MAE", "max error", "R²");
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        double[] f = row.figures()[t];
        out.printf(
            Locale.ROOT, "%s %-18s %-9s %-8s %-6s %10.4g %10.4g %10.4g %8.4f%n",
            r == best ? "*" : " ", row.method(), row.space(), row.values(), row.k(),
            f[0], f[1], f[2], f[3]);
      }
    }
  }
}
