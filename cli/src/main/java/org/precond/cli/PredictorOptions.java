package org.precond.cli;

import java.util.Locale;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.PredictorSpec;
import org.precond.space.Space;
import picocli.CommandLine.Option;

/**
 * Options that say how a model predicts: method, space, residual, k, power, weights. Their
 * defaults come from {@link CoreDefaults}.
 */
final class PredictorOptions {

  @Option(names = "--method", paramLabel = "METHOD",
      description = "auto (fit only: the network or k-NN, whichever predicts the validation rows "
          + "best), knn, shepard, modified-shepard, linear-shepard, voronoi, softmax (weights "
          + "softmax(-distance), as a network trained for its neighbours predicts), or mlp (the "
          + "network alone); predict and explain use the model's own unless given.")
  String method;

  @Option(names = "--space", paramLabel = "SPACE",
      converter = LowerCaseEnum.SpaceConverter.class,
      description = "Where distances are measured: raw (standardised inputs), embedding (last "
          + "hidden layer), or weighted (embedding scaled by output weights).")
  Space space;

  @Option(names = "--residual",
      description = "Interpolate the network's residuals and add the network's output.")
  boolean residual;

  @Option(names = "--k", paramLabel = "K|auto|all",
      description = "Neighbourhood size; auto chooses by leave-one-out on the training rows; all "
          + "(shepard only) weighs every training row.")
  String k;

  @Option(names = "--power", paramLabel = "P",
      description = "Exponent of inverse-distance weights 1/d^P.")
  double power;

  @Option(names = "--weights", paramLabel = "uniform|distance", description = "k-NN weights.")
  String weights;

  /** Whether a method was named (for commands whose model already has one). */
  boolean given() {
    return method != null;
  }

  /** The predictor for a fitted model, which cannot choose again. */
  PredictorSpec refit() {
    PredictorSpec spec = spec();
    if (spec == null) {
      throw new UsageException("--method auto chooses when fitting; name a method here");
    }
    return spec;
  }

  /** The predictor these options describe; null for auto, which only fitting can choose. */
  PredictorSpec spec() {
    String name = method.toLowerCase(Locale.ROOT);
    if (name.equals("auto")) {
      return null;
    }
    if (name.equals("mlp")) {
      if (residual) {
        throw new UsageException("--residual needs an interpolant, not --method mlp");
      }
      return PredictorSpec.NETWORK;
    }
    Method m = null;
    for (Method candidate : Method.values()) {
      if (candidate.label().equals(name)) {
        m = candidate;
      }
    }
    if (m == null) {
      throw new UsageException(
          "--method must be one of auto, knn, shepard, modified-shepard, linear-shepard, voronoi, "
              + "softmax, mlp;"
              + " got '" + name + "'");
    }
    boolean distance;
    switch (weights.toLowerCase(Locale.ROOT)) {
      case "uniform" -> distance = false;
      case "distance" -> distance = true;
      default -> throw new UsageException(
          "--weights must be uniform or distance, got '" + weights + "'");
    }
    try {
      return new PredictorSpec(new InterpolantSpec(m, parseK(), power, distance), space, residual);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private int parseK() {
    switch (k.toLowerCase(Locale.ROOT)) {
      case "auto":
        return InterpolantSpec.AUTO;
      case "all":
        return InterpolantSpec.ALL;
      default:
        try {
          int value = Integer.parseInt(k);
          if (value >= 1) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new UsageException("--k must be a positive number, auto or all; got '" + k + "'");
    }
  }
}
