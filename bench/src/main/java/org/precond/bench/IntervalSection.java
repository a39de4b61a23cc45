package org.precond.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precond.data.Dataset;
import org.precond.evaluate.Evaluation;
import org.precond.evaluate.IntervalScores;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;

/**
 * The interval part of {@code docs/METHODS.md}: on each data set, 5 seeds of an 80/20 split, a
 * model fitted as {@code precond fit} does by default (20% of the training rows held out for
 * calibration, k-NN in the embedding), scored at nominal 90% against the Gaussian interval around
 * the network.
 */
final class IntervalSection {

  static final String HEADING = "## Intervals and predictive distributions";
  private static final int SEEDS = 5;
  private static final double LEVEL = 0.9;
  private static final String[] KINDS = {"none", "spread", "distance", "gaussian"};

  private IntervalSection() {}

  /** Per data set and kind: coverage, width and CRPS, one value per seed. */
  private static final class Figures {
    final Map<String, List<Double>> coverage = new LinkedHashMap<>();
    final Map<String, List<Double>> width = new LinkedHashMap<>();
    final Map<String, List<Double>> crps = new LinkedHashMap<>();
    int testRows;

    void add(String kind, IntervalScores s) {
      coverage.computeIfAbsent(kind, k -> new ArrayList<>()).add(s.coverage());
      width.computeIfAbsent(kind, k -> new ArrayList<>()).add(s.width());
      crps.computeIfAbsent(kind, k -> new ArrayList<>()).add(s.crps());
    }

    double median(Map<String, List<Double>> of, String kind) {
      return ResultsBenchmark.median(of.get(kind));
    }
  }

  static String run(
      List<ResultsBenchmark.Experiment> experiments, String only, int threads, long started)
      throws IOException {
    PredictorSpec knn = PredictorSpec.DEFAULT;
    Map<String, Figures> all = new LinkedHashMap<>();
    for (ResultsBenchmark.Experiment x : experiments) {
      if (only != null && !x.name().equals(only)) {
        continue;
      }
      Figures f = new Figures();
      for (int seed = 1; seed <= SEEDS; seed++) {
        Dataset[] split = x.splitter().split(seed);
        f.testRows = split[1].rows();
        PrecondModel model =
            Regressor.builder().training(x.config().toBuilder().seed(seed).build())
                  .ensemble(1).encodingBins(0)
                .threads(threads).predictor(knn).calibration(0.2).build()
                .fit(split[0]);
        List<IntervalScores> scores =
            Evaluation.intervals(model, split[1], List.of(knn), LEVEL);
        for (int k = 0; k < KINDS.length; k++) {
          f.add(KINDS[k], scores.get(k));
        }
        System.err.printf(
            Locale.ROOT, "intervals %s seed %d done (%.0f s so far)%n",
            x.name(), seed, (System.nanoTime() - started) / 1e9);
      }
      all.put(x.name(), f);
    }
    return markdown(all);
  }

  private static String markdown(Map<String, Figures> all) {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        """
        Each data set: exact duplicates removed, 80/20 split, 5 seeds. `fit` holds out 20% of \
        the training rows for calibration (neither the network nor the interpolant sees them) \
        and predicts with k-NN in the embedding (k by leave-one-out). Intervals at nominal 90%: \
        split-conformal on absolute residuals (*plain*), or on residuals normalised by a local \
        difficulty — the *spread* of the 16 nearest training targets or their mean *distance*. \
        The predictive distribution is the conformal predictive system built on the spread \
        scores; *Gaussian* is what a user would otherwise build: the network's prediction ± \
        1.645 × the root mean square of its residuals on the same calibration rows. Medians \
        over seeds; widths and CRPS in the target's units.

        """);
    md.append(
        "| data | test rows | coverage plain | spread | distance | Gaussian | allowed | "
            + "width plain | spread | distance | Gaussian | CRPS spread | distance | Gaussian |\n");
    md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int inBand = 0;
    int spreadNarrower = 0;
    int distanceNarrower = 0;
    int crpsBeats = 0;
    List<String> outside = new ArrayList<>();
    List<String> crpsLosses = new ArrayList<>();
    for (Map.Entry<String, Figures> e : all.entrySet()) {
      Figures f = e.getValue();
      double lo;
      double hi;
      if (f.testRows >= 1000) {
        lo = 0.88;
        hi = 0.92;
      } else {
        double half = 1.96 * Math.sqrt(LEVEL * (1 - LEVEL) / f.testRows);
        lo = LEVEL - half;
        hi = LEVEL + half;
      }
      double cov = f.median(f.coverage, "none");
      if (cov >= lo && cov <= hi) {
        inBand++;
      } else {
        outside.add(String.format(Locale.ROOT, "%s (%.3f)", e.getKey(), cov));
      }
      spreadNarrower += f.median(f.width, "spread") < f.median(f.width, "none") ? 1 : 0;
      distanceNarrower += f.median(f.width, "distance") < f.median(f.width, "none") ? 1 : 0;
      if (f.median(f.crps, "spread") < f.median(f.crps, "gaussian")) {
        crpsBeats++;
      } else {
        crpsLosses.add(
            String.format(
                Locale.ROOT, "%s (%.4g vs %.4g)", e.getKey(), f.median(f.crps, "spread"),
                f.median(f.crps, "gaussian")));
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f–%.3f | %.4g | %.4g | %.4g | %.4g | "
                  + "%.4g | %.4g | %.4g |\n",
              e.getKey(), f.testRows, cov, f.median(f.coverage, "spread"),
              f.median(f.coverage, "distance"), f.median(f.coverage, "gaussian"), lo, hi,
              f.median(f.width, "none"), f.median(f.width, "spread"),
              f.median(f.width, "distance"), f.median(f.width, "gaussian"),
              f.median(f.crps, "spread"), f.median(f.crps, "distance"),
              f.median(f.crps, "gaussian")));
    }
    int n = all.size();
    md.append("\n");
    md.append(
        String.format(
            Locale.ROOT,
            "* Plain 90%% intervals: median coverage within the allowed range (0.88–0.92 with at "
                + "least 1,000 test rows, else the binomial 95%% band around 0.90) on %d of %d "
                + "data sets%s.\n",
            inBand, n, outside.isEmpty() ? "" : "; outside: " + String.join(", ", outside)));
    md.append(
        String.format(
            Locale.ROOT,
            "* Normalised intervals narrower than plain ones: spread on %d of %d, distance on "
                + "%d of %d.\n",
            spreadNarrower, n, distanceNarrower, n));
    md.append(
        String.format(
            Locale.ROOT,
            "* CRPS of the conformal predictive distribution (spread) below the Gaussian "
                + "baseline's on %d of %d%s.\n\n",
            crpsBeats, n,
            crpsLosses.isEmpty() ? "" : "; not on " + String.join(", ", crpsLosses)));
    return md.toString();
  }
}
