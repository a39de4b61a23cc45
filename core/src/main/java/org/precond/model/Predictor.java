package org.precond.model;

import java.util.function.Supplier;
import org.precond.concurrent.Workers;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.neighbors.HnswIndex;
import org.precond.nn.Ensemble;

/**
 * A fitted way of predicting: the network alone, or an interpolant over the training rows in some
 * space (of the targets, or of the network's residuals). It also holds the training rows in the
 * space where difficulty is measured — for an interpolant its own nodes, for the network alone its
 * embedding — so that calibration and intervals need no pass over the training rows.
 */
public final class Predictor {

  private final PredictorSpec spec;
  private final Interpolant interpolant;
  private final OnDemand<Nodes> nodes;
  private final int dimension;
  private final double networkWeight;
  private final double temperature;

  private Predictor(
      PredictorSpec spec, Interpolant interpolant, OnDemand<Nodes> nodes, int dimension,
      double networkWeight, double temperature) {
    this.networkWeight = networkWeight;
    this.temperature = temperature;
    this.spec = spec;
    this.interpolant = interpolant;
    this.nodes = nodes;
    this.dimension = dimension;
  }

  /**
   * The training rows in the space where distances are measured, row-major, what is interpolated
   * at them, and the HNSW graph over them (null when they are searched exactly).
   */
  public record Nodes(float[] points, float[] values, HnswIndex graph) {}

  /** Builds the HNSW graph over a predictor's nodes. */
  @FunctionalInterface
  interface Graphs {
    HnswIndex over(float[] nodes, int dimension);
  }

  /**
   * Fits {@code spec} on the training rows: their pass through the network and their
   * standardised targets. k is chosen by leave-one-out when the spec leaves it open.
   */
  static Predictor fit(
      PredictorSpec spec, Ensemble network, RowPass training, float[] targets, Workers workers) {
    return fit(spec, network, training, targets, null, workers);
  }

  /**
   * {@link #fit} searching its nodes, for the interpolant and for difficulty, in a graph from
   * {@code graphs}; exactly when that is null.
   */
  static Predictor fit(
      PredictorSpec spec, Ensemble network, RowPass training, float[] targets, Graphs graphs,
      Workers workers) {
    int dimension = spec.distanceSpace().dimension(network);
    if (spec.isNetwork()) {
      float[] embedding = training.embedding();
      return network(embedding, dimension, targets,
          graphs == null ? null : graphs.over(embedding, dimension));
    }
    float[] values = targets.clone();
    if (spec.residual()) {
      float[] net = training.output();
      for (int i = 0; i < values.length; i++) {
        values[i] -= net[i];
      }
    }
    float[] coordinates = training.coordinates(spec.space());
    int outputs = network.architecture().outputs();
    Interpolant interpolant =
        graphs == null
            ? Interpolant.fit(spec.interpolant(), coordinates, dimension, values, outputs, workers)
            : Interpolant.fit(spec.interpolant(), coordinates, dimension, values, outputs,
                graphs.over(coordinates, dimension), workers);
    return restore(spec, interpolant);
  }

  /** A fitted interpolant as a predictor. */
  public static Predictor restore(PredictorSpec spec, Interpolant interpolant) {
    PredictorSpec resolved = new PredictorSpec(interpolant.spec(), spec.space(), spec.residual());
    int k = interpolant.spec().k();
    int voters =
        k == InterpolantSpec.ALL ? interpolant.points().length / interpolant.dimension() : k;
    return new Predictor(
        resolved, interpolant,
        OnDemand.of(new Nodes(interpolant.points(), interpolant.values(),
            interpolant.index() instanceof HnswIndex graph ? graph : null)),
        interpolant.dimension(), ClassProbabilities.asOneNeighbor(voters), 1);
  }

  /**
   * The network alone, with the training rows' embedding and standardised targets for
   * difficulty.
   */
  public static Predictor network(float[] embedding, int width, float[] targets) {
    return network(embedding, width, targets, null);
  }

  /** {@link #network(float[], int, float[])} with an HNSW graph over the embedding, or null. */
  public static Predictor network(float[] embedding, int width, float[] targets, HnswIndex graph) {
    return new Predictor(
        PredictorSpec.NETWORK, null, OnDemand.of(new Nodes(embedding, targets, graph)), width, 0,
        1);
  }

  /**
   * The network alone, whose training rows' embedding ({@code width} wide), standardised targets
   * and graph {@code nodes} makes when first needed: for intervals, never for the predictions
   * themselves. {@code nodes} may throw an unchecked exception, and is asked again next time.
   */
  public static Predictor network(int width, Supplier<Nodes> nodes) {
    return new Predictor(PredictorSpec.NETWORK, null, OnDemand.later(nodes), width, 0, 1);
  }

  /**
   * This predictor with its class probabilities at {@code temperature} ({@link Temperature}; 1
   * leaves them as they are).
   */
  public Predictor withTemperature(double temperature) {
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException("a temperature must be positive, got " + temperature);
    }
    return new Predictor(spec, interpolant, nodes, dimension, networkWeight, temperature);
  }

  /**
   * This predictor with the network's weight {@code weight} in its class probabilities ({@link
   * ClassProbabilities}); the network alone keeps its own output whatever the weight.
   */
  public Predictor withNetworkWeight(double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("a network weight must be in [0, 1], got " + weight);
    }
    return new Predictor(
        spec, interpolant, nodes, dimension, interpolant == null ? 0 : weight, temperature);
  }

  /**
   * The network's weight in its class probabilities: by default that of one more neighbour,
   * {@code 1/(k + 1)}; 0 for the network alone.
   */
  public double networkWeight() {
    return networkWeight;
  }

  /** The temperature of its class probabilities: 1 unless fitted ({@link Temperature}). */
  public double temperature() {
    return temperature;
  }

  /**
   * The HNSW graph over the nodes that the interpolant and difficulty search, or null when they
   * search exactly.
   */
  public HnswIndex graph() {
    return nodes.get().graph();
  }

  /** How it predicts, with k resolved. */
  public PredictorSpec spec() {
    return spec;
  }

  /** The fitted interpolant, or null for the network alone. */
  public Interpolant interpolant() {
    return interpolant;
  }

  /** Whether its nodes are at hand, not still to be read. */
  boolean hasNodes() {
    return nodes.isMade();
  }

  /** The training rows in the space where distances are measured, row-major. */
  public float[] nodes() {
    return nodes.get().points();
  }

  public int dimension() {
    return dimension;
  }

  /** What is interpolated at the nodes (standardised targets or residuals), row-major. */
  public float[] nodeValues() {
    return nodes.get().values();
  }

  /** Standardised predictions for rows, and the training rows behind them where there are some. */
  Estimate estimate(RowPass rows, Workers workers) {
    if (interpolant == null) {
      return new Estimate(rows.output().clone(), null);
    }
    float[] coordinates = rows.coordinates(spec.space());
    WeightedNeighbors neighbors = null;
    float[] mean;
    if (interpolant.spec().k() == InterpolantSpec.ALL) {
      mean = interpolant.predict(coordinates, workers);
    } else {
      neighbors = interpolant.neighbors(coordinates, workers);
      mean = neighbors.means();
    }
    if (spec.residual()) {
      float[] net = rows.output();
      for (int i = 0; i < mean.length; i++) {
        mean[i] += net[i];
      }
    }
    return new Estimate(mean, neighbors);
  }

  /**
   * Class probabilities for rows from their estimate ({@link ClassProbabilities}) at this
   * predictor's temperature.
   *
   * @param rows the rows estimated, whose network outputs are class probabilities
   */
  float[] probabilities(Estimate estimate, RowPass rows, int classes) {
    return Temperature.apply(
        ClassProbabilities.of(estimate.mean(), rows.output(), classes, networkWeight), classes,
        temperature);
  }

  /**
   * @param mean standardised predictions, row-major {@code rows × targets}
   * @param neighbors the training rows behind each, or null (network alone, global Shepard)
   */
  record Estimate(float[] mean, WeightedNeighbors neighbors) {}
}
