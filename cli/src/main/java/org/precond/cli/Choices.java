package org.precond.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.precond.model.Candidate;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;

/** The ways of predicting a model chose among when it was fitted, as {@code fit} prints them. */
final class Choices {

  private Choices() {}

  /**
   * The choice and the best {@code shown − 1} others, by validation RMSE (log loss for a
   * classifier); nothing if none.
   */
  static void print(PrecondModel model, int shown, PrintWriter out) {
    List<Candidate> candidates = model.provenance().candidates();
    if (candidates.isEmpty()) {
      return;
    }
    boolean one = model.targetNames().size() == 1;
    boolean classes = model.preprocessing().isClassification();
    PredictorSpec chosen = model.predictorSpec();
    out.printf(
        Locale.ROOT,
        "chose %s by %s on %d validation rows%s (the network unless another is clearly "
            + "better):%n",
        chosen.describe(), classes ? "log loss" : "RMSE",
        Math.min(model.rows().validation().length, Regressor.SELECTION_SAMPLE),
        one || classes ? "" : ", standardised targets");
    for (int i = 0; i < Math.min(shown, candidates.size()); i++) {
      Candidate c = candidates.get(i);
      out.printf(Locale.ROOT, "  %s %-60s %.6g%n", c.spec().equals(chosen) ? "*" : " ",
          c.spec().describe(), rmse(model, c));
    }
  }

  /**
   * The candidate's validation RMSE, in the target's units when there is one target; a
   * classifier's log loss.
   */
  static double rmse(PrecondModel model, Candidate c) {
    if (model.preprocessing().isClassification()) {
      return c.error();
    }
    double scale =
        model.targetNames().size() == 1 ? model.preprocessing().targetScale(0) : 1;
    return Math.sqrt(c.error()) * scale;
  }
}
