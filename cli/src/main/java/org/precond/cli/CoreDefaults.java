package org.precond.cli;

import java.util.Locale;
import org.precond.interpolate.InterpolantSpec;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.train.TrainingConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's defaults, read from the library's ({@link Regressor#builder()}, {@link
 * PredictorSpec#DEFAULT}), so that a model fitted from Java with no settings is the model {@code
 * precond fit} makes with no options, and {@code --help} shows the values that apply.
 */
class CoreDefaults implements IDefaultValueProvider {

  private static final Regressor REGRESSOR = Regressor.builder().build();

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    TrainingConfig t = REGRESSOR.training();
    InterpolantSpec interpolant = PredictorSpec.DEFAULT.interpolant();
    return switch (option.longestName()) {
      case "--inputs" -> label(REGRESSOR.inputScaling());
      case "--max-levels" -> Integer.toString(REGRESSOR.maxLevels());
      case "--ensemble" ->
          REGRESSOR.ensemble() == Regressor.AUTO_ENSEMBLE
              ? "auto"
              : Integer.toString(REGRESSOR.ensemble());
      case "--steps" -> Integer.toString(t.steps());
      case "--batch" -> t.batchSize() == 0 ? "full" : Integer.toString(t.batchSize());
      case "--optimizer" -> label(t.optimizer());
      case "--schedule" -> label(t.schedule());
      case "--init" -> label(t.initializer());
      case "--validation" -> Double.toString(t.validationFraction());
      case "--patience" -> Integer.toString(t.patience());
      case "--weight-decay" -> Double.toString(t.weightDecay());
      case "--objective" -> REGRESSOR.autoObjective() ? "auto" : label(t.objective());
      case "--candidates" -> Double.toString(t.candidateShare());
      case "--seed" -> Long.toString(t.seed());
      case "--calibration" -> Double.toString(REGRESSOR.calibration());
      case "--index" -> REGRESSOR.neighborSearch().label();
      case "--method" -> method();
      case "--space" -> label(PredictorSpec.DEFAULT.space());
      case "--k" -> interpolant.k() == InterpolantSpec.AUTO ? "auto" : Integer.toString(interpolant.k());
      case "--power" -> Double.toString(interpolant.power());
      case "--weights" -> interpolant.distanceWeighted() ? "distance" : "uniform";
      case "--difficulty" -> label(Predictions.DEFAULT_DIFFICULTY);
      case "--set-score" -> label(Predictions.DEFAULT_SET_SCORE);
      default -> null;
    };
  }

  /** The method {@code fit} uses; commands that refit a model predict as it does by default. */
  String method() {
    PredictorSpec spec = REGRESSOR.predictor();
    return spec == null ? "auto" : spec.methodLabel();
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** For commands whose model already says how it predicts: no default method. */
  static final class ForFittedModels extends CoreDefaults {
    @Override
    String method() {
      return null;
    }
  }
}
