package org.precond.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.precond.concurrent.Workers;
import org.precond.data.Column;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.interpolate.InterpolantSpec;
import org.precond.io.DataFingerprint;
import org.precond.neighbors.HnswIndex;
import org.precond.nn.Ensemble;
import org.precond.nn.Initializer;
import org.precond.nn.Mlp;
import org.precond.nn.NetworkInputs;
import org.precond.nn.PiecewiseLinearEncoding;
import org.precond.nn.Loss;
import org.precond.prep.Classes;
import org.precond.prep.InputScaling;
import org.precond.prep.Preprocessing;
import org.precond.prep.TableEncoding;
import org.precond.space.Space;
import org.precond.train.MlpTrainer;
import org.precond.train.Objective;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingHistory;
import org.precond.train.TrainingListener;
import org.precond.train.TrainingResult;

/**
 * Fits {@link PrecondModel}s: holds out a share of the rows for calibration, standardises the
 * rest, trains the network on them, fits the predictor on the same rows and calibrates it on the
 * held-out ones. Configured once by a {@link Builder}, whose defaults are the command line's.
 *
 * <p>A {@link Table} with text categories and empty cells is encoded first ({@link
 * TableEncoding}); when its target holds labels the model is a classifier: the network learns
 * the classes by cross-entropy and the model predicts class probabilities and prediction sets.
 *
 * <pre>{@code
 * PrecondModel model = Regressor.builder().seed(7).build().fit(data);
 * }</pre>
 */
public final class Regressor {

  /**
   * No rows held out of everything by default: the validation rows, which the network does not
   * train on, calibrate the intervals, so that the network learns from every other row.
   */
  public static final double DEFAULT_CALIBRATION = 0;

  /**
   * A classifier's hidden layers are wider and fewer unless given: measured on letter
   * recognition and covertype, 32 × 8 left a tenth to a fifth of the errors a 128 × 4 network
   * avoids (docs/RESULTS.md).
   */
  public static final int CLASSIFIER_WIDTH = 128;

  public static final int CLASSIFIER_DEPTH = 4;

  /**
   * The hidden layers of a network trained for its neighbours, unless given: a soft
   * nearest-neighbour loss trains a wide, shallow embedding best (California housing, one
   * network, seed 0: test RMSE 0.489 with 32 × 8, 0.458 with 256 × 2, 0.451 with 128 × 2,
   * 0.445 with 128 × 1, which costs half of 128 × 2; docs/RESULTS.md).
   */
  public static final int NEIGHBOR_WIDTH = 128;

  public static final int NEIGHBOR_DEPTH = 1;

  /**
   * Networks trained for their neighbours, from {@value Builder#SMALL_TABLE} rows ({@link
   * #ensembleFor}).
   */
  public static final int NEIGHBOR_ENSEMBLE = 1;

  /**
   * Training rows from which {@link NeighborSearch#AUTO} searches an HNSW graph. A judgment from
   * two measurements on this project's 2-core machine, not a measured crossover: the graph over
   * 250,000 rows of the default 96-dimensional embedding took about 43 s to build on one thread,
   * and exact search serves about 10,000 queries/s among 100,000 points of 32 dimensions; so at
   * 200,000 rows the graph pays for itself after some 25,000 predicted rows (each searched twice,
   * for the prediction and its difficulty), and ever sooner as rows grow.
   */
  public static final int HNSW_FROM = 200_000;

  /**
   * Most rows that calibrate; more are sampled down to these. The k-NN scores of a calibration
   * row take a search among all training rows; this many rows put the coverage of 90% intervals
   * within ±0.003 (one standard error) of the level, and more cost minutes on a million rows.
   */
  public static final int CALIBRATION_SAMPLE = 10_000;

  /** Most validation rows that choose the predictor; more are sampled down to these. */
  public static final int SELECTION_SAMPLE = 10_000;

  /**
   * The share of the steps within which a network that keeps its parameters has {@linkplain
   * #overfitEarly overfitted early}, and by how much the rate then falls for a second try.
   */
  static final double EARLY_SHARE = 0.05;

  static final double SLOWER_RATE = 10;

  /**
   * Fewest validation rows on which {@link Builder#autoObjective()} compares the objectives:
   * on fewer the comparison is noise (yacht, 25 rows: one seed chose the neighbours, 0.728 on
   * test rows against 0.350); the sets where the neighbours won had 700 or more.
   */
  static final int OBJECTIVE_ROWS = 500;

  /**
   * Bins of each input a classifier's networks may take instead of {@value
   * Builder#ENCODING_BINS}, when its validation rows say so ({@link #chooseBins}).
   */
  public static final int FINE_BINS = 32;

  /** {@link Builder#ensemble(int)}'s value that lets the table decide ({@link #ensembleFor}). */
  public static final int AUTO_ENSEMBLE = 0;

  private final TrainingConfig training;
  private final int ensemble;
  private final InputScaling inputScaling;
  private final int encodingBins;
  private final PredictorSpec predictor;
  private final double calibration;
  private final int maxLevels;
  private final boolean shapeGiven;
  private final boolean binsGiven;
  private final NeighborSearch neighborSearch;
  private final boolean adaptiveRate;
  private final boolean autoObjective;

  private Regressor(
      TrainingConfig training, int ensemble, InputScaling inputScaling, int encodingBins,
      PredictorSpec predictor, double calibration, int maxLevels, boolean shapeGiven,
      boolean binsGiven, NeighborSearch neighborSearch, boolean adaptiveRate,
      boolean autoObjective) {
    this.binsGiven = binsGiven;
    this.adaptiveRate = adaptiveRate;
    this.autoObjective = autoObjective;
    this.maxLevels = maxLevels;
    this.shapeGiven = shapeGiven;
    this.neighborSearch = neighborSearch;
    this.training = training;
    this.ensemble = ensemble;
    this.encodingBins = encodingBins;
    this.inputScaling = inputScaling;
    this.predictor = predictor;
    this.calibration = calibration;
  }

  /** A builder holding the defaults: see {@link TrainingConfig#builder()} and its setters. */
  public static Builder builder() {
    return new Builder();
  }

  public TrainingConfig training() {
    return training;
  }

  /**
   * Whether fitting chooses what the networks are trained for ({@link Builder#autoObjective()}),
   * rather than {@link TrainingConfig#objective()}.
   */
  public boolean autoObjective() {
    return autoObjective;
  }

  /** How many networks are trained and averaged; {@link #AUTO_ENSEMBLE} when the table decides. */
  public int ensemble() {
    return ensemble;
  }

  /**
   * How many networks a fit of {@code rows} rows trains for {@code objective}: the given number,
   * or by default {@value Builder#ENSEMBLE}, and {@value Builder#SMALL_TABLE_ENSEMBLE} for
   * regression on fewer than {@value Builder#SMALL_TABLE} rows — there one network's variance is
   * most of the error (six instead of three networks lowered the test RMSE on every seed of
   * airfoil, concrete, energy and yacht; docs/RESULTS.md), and a network costs seconds whatever
   * the rows. Classifiers keep three: eight did no better on German credit. Networks trained for
   * their neighbours are one from {@value Builder#SMALL_TABLE} rows: each sees up to {@value
   * TrainingConfig#MAX_CANDIDATES} candidates a step, which is worth more than a second network
   * at the same cost (protein, seed 0: one 3.363, two 3.376; California housing, seeds 0–2: one
   * 0.445 median, two 0.441, three at a quarter of the candidates each 0.455).
   */
  public int ensembleFor(int rows, boolean classification, Objective objective) {
    if (ensemble != AUTO_ENSEMBLE) {
      return ensemble;
    }
    if (rows < Builder.SMALL_TABLE) {
      return classification ? Builder.ENSEMBLE : Builder.SMALL_TABLE_ENSEMBLE;
    }
    return objective == Objective.LINEAR ? Builder.ENSEMBLE : NEIGHBOR_ENSEMBLE;
  }

  public InputScaling inputScaling() {
    return inputScaling;
  }

  /**
   * Bins of the piecewise-linear encoding of each input, 0 for none; a classifier may take {@link
   * #FINE_BINS} instead unless they were given ({@link Builder#encodingBins}).
   */
  public int encodingBins() {
    return encodingBins;
  }

  /** How models will predict, or null when fitting chooses ({@link Builder#autoPredictor()}). */
  public PredictorSpec predictor() {
    return predictor;
  }

  /** Levels of a categorical column that get an input of their own. */
  public int maxLevels() {
    return maxLevels;
  }

  /** The share of rows held out to calibrate. */
  public double calibration() {
    return calibration;
  }

  /** How fitted models search their training rows for neighbours. */
  public NeighborSearch neighborSearch() {
    return neighborSearch;
  }

  /** Fits a model to {@code data}, which needs at least one target column. */
  public PrecondModel fit(Dataset data) {
    return fit(data, TrainingListener.NONE);
  }

  /**
   * Fits a model to {@code data}, telling {@code listener} of the training's progress, and of the
   * later steps' when it is a {@link FitListener}.
   */
  public PrecondModel fit(Dataset data, TrainingListener listener) {
    return fit(data, null, TableEncoding.numeric(data.featureNames()), null, listener);
  }

  /**
   * Fits a model to a table of numeric and categorical columns, encoded as {@link TableEncoding}
   * says; rows whose target is missing are left out.
   *
   * @throws IllegalArgumentException if the table has no target column, or a target is not
   *     numeric
   */
  public PrecondModel fit(Table table) {
    return fit(table, TrainingListener.NONE);
  }

  /**
   * {@link #fit(Table)}, telling {@code listener} of the progress as {@link #fit(Dataset,
   * TrainingListener)} does.
   */
  public PrecondModel fit(Table table, TrainingListener listener) {
    if (table.targets().isEmpty()) {
      throw new IllegalArgumentException("training data has no target column");
    }
    int[] labelledRows = rowsWithTargets(table);
    // Copying a large table only when some rows lack a target.
    Table labelled = labelledRows.length == table.rows() ? table : table.select(labelledRows);
    TableEncoding encoding = TableEncoding.fit(labelled, maxLevels);
    Classes classes = null;
    if (labelled.targets().stream().anyMatch(t -> t instanceof Column.Categorical)) {
      if (labelled.targets().size() != 1) {
        throw new IllegalArgumentException(
            "a classification target must be the only target; got " + labelled.targetNames());
      }
      classes = Classes.of((Column.Categorical) labelled.targets().get(0));
    }
    return fit(
        TableRows.encode(encoding, classes, labelled).data(),
        labelledRows.length == table.rows() ? null : labelledRows, encoding, classes, listener);
  }

  /** The rows whose every target is present. */
  private static int[] rowsWithTargets(Table table) {
    int[] kept = new int[table.rows()];
    int n = 0;
    for (int r = 0; r < table.rows(); r++) {
      boolean complete = true;
      for (Column target : table.targets()) {
        complete &= !target.isMissing(r);
      }
      if (complete) {
        kept[n++] = r;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("every row's target is missing");
    }
    return Arrays.copyOf(kept, n);
  }

  /**
   * @param rowNumbers each row's number in the user's table (rows without a target left out), or
   *     null when they are the rows' own indices
   */
  private PrecondModel fit(
      Dataset data, int[] rowNumbers, TableEncoding columnEncoding, Classes classes,
      TrainingListener trainingListener) {
    FitListener listener = FitListener.of(trainingListener);
    if (data.targetCount() == 0) {
      throw new IllegalArgumentException("training data has no target column");
    }
    TrainingConfig training =
        classes != null && !shapeGiven
            ? this.training.toBuilder().width(CLASSIFIER_WIDTH).depth(CLASSIFIER_DEPTH).build()
            : this.training;
    RowRoles roles = RowRoles.draw(data.rows(), calibration, training.validationFraction(),
        training.seed());
    // Without rows held out to calibrate, every row is kept in its own order: no copy.
    Dataset kept = roles.nodes() == data.rows() ? data : data.select(roles.kept());
    int[] keptNumbers = roles.kept();
    if (rowNumbers != null) {
      keptNumbers = keptNumbers.clone();
      for (int i = 0; i < keptNumbers.length; i++) {
        keptNumbers[i] = rowNumbers[keptNumbers[i]];
      }
    }
    KeptRows rows =
        new KeptRows(
            data.featureCount(), data.targetCount(), kept.features(), kept.targets(),
            keptNumbers, roles.nodes(), roles.validation());
    Dataset trainingRows =
        new Dataset(rows.training(), rows.trainingFeatures(), data.featureNames(),
            rows.trainingTargets(), data.targetNames());
    Preprocessing prep =
        classes == null
            ? Preprocessing.fit(trainingRows, inputScaling, columnEncoding)
            : Preprocessing.fitClasses(trainingRows, inputScaling, columnEncoding, classes);
    float[] x = prep.inputs(rows.trainingFeatures());
    float[] y = prep.targets(rows.trainingTargets());
    Loss loss = classes == null ? Loss.SQUARED_ERROR : Loss.CROSS_ENTROPY;
    IntFunction<Encoded> encodeIn = bins -> encoded(bins, x, y, data, rows, roles, loss);
    Encoded encoded = encodeIn.apply(encodingBins);
    // null: the validation rows choose between the linear and the neighbour objective.
    Objective objective = objectiveFor(rows.training(), roles.validation().length);
    TrainingConfig trained =
        objective == null || objective == Objective.LINEAR
            ? training
            : neighborShaped(training, objective);
    int networks = ensembleFor(data.rows(), classes != null, trained.objective());
    First first = first(encoded.trainMember(), trained, listener, member(listener, 0, networks));
    if (objective == null && classes != null && !binsGiven && encodingBins > 0) {
      Probed probed = chooseBins(encoded, first, trained, encodeIn, prep, x, rows, listener);
      encoded = probed.encoded();
      first = probed.first();
    }
    Trained ensemble =
        withRest(first, encoded.trainMember(), networks, m -> member(listener, m, networks));
    if (objective == null) {
      ensemble =
          chooseObjective(
              ensemble, encoded.trainMember(), encoded.encoding(), prep, x, rows, data.rows(),
              listener);
    }
    trained = ensemble.config();
    Ensemble network = new Ensemble(ensemble.members(), encoded.encoding());
    try (Variants variants =
        new Variants(null, prep, network, rows, x, rows.calibration().length > 0,
            training.seed(), graphs(rows.training(), listener), training.threads())) {
      List<Candidate> candidates = List.of();
      PredictorSpec spec = predictor;
      double networkWeight = Double.NaN;
      if (spec == null) {
        String task = String.format(Locale.ROOT,
            "choosing the predictor on %,d of %,d validation rows",
            variants.validationPass().rows(), variants.validationRows());
        listener.onWork(task, 0, 1);
        Selection.Ranking ranking = select(prep, network, trained.objective(), rows, variants);
        listener.onWork(task, 1, 1);
        candidates = ranking == null ? List.of() : ranking.candidates();
        spec = ranking == null ? PredictorSpec.DEFAULT : ranking.chosen();
        if (ranking != null && classes != null) {
          networkWeight = ranking.networkWeight();
        }
      }
      String task = variants.calibrationRows() == 0
          ? "fitting the predictor"
          : String.format(Locale.ROOT, "fitting and calibrating the predictor on %,d of %,d rows",
              variants.calibrationRows(), variants.calibrationRowsOffered());
      listener.onWork(task, 0, 1);
      double temperature = classes == null ? 1 : variants.temperature(spec, networkWeight);
      Variants.Fitted fitted = variants.fit(spec, networkWeight, temperature);
      listener.onWork(task, 1, 1);
      List<String> columns = new ArrayList<>(data.featureNames());
      columns.addAll(data.targetNames());
      Provenance provenance =
          Provenance.now(
              trained,
              calibration,
              ensemble.histories(),
              DataFingerprint.of(columns, data.features(), data.targets()),
              candidates);
      return new PrecondModel(
          prep, network, fitted.predictor(), fitted.calibration(), rows, provenance,
          training.threads());
    }
  }

  /** Network m of an ensemble, from its own seed; the validation rows choose its parameters. */
  private interface Member {
    TrainingResult train(TrainingConfig config, int m, TrainingListener heard);
  }

  /** The inputs' piecewise-linear encoding (null for none), and how a network trains on them. */
  private record Encoded(PiecewiseLinearEncoding encoding, Member trainMember) {}

  /**
   * The encoding of the inputs in at most {@code bins} bins (none for 0), fitted on the rows the
   * networks train on, and network m's training on the encoded inputs.
   */
  private static Encoded encoded(
      int bins, float[] x, float[] y, Dataset data, KeptRows rows, RowRoles roles, Loss loss) {
    PiecewiseLinearEncoding encoding =
        bins == 0
            ? null
            : PiecewiseLinearEncoding.fit(
                KeptRows.gather(x, data.featureCount(), rows.fitting()), data.featureCount(),
                bins);
    NetworkInputs networkInputs =
        encoding == null ? NetworkInputs.of(x, data.featureCount()) : encoding.inputs(x);
    Member trainMember = (config, m, heard) ->
        new MlpTrainer(config.toBuilder().seed(memberSeed(config.seed(), m)).build(), loss)
            .fit(networkInputs, y, data.targetCount(), rows.fitting(), roles.validation(), heard);
    return new Encoded(encoding, trainMember);
  }

  /** The encoding chosen, and the first network trained on it. */
  private record Probed(Encoded encoded, First first) {}

  /**
   * Trains the first network ({@code first}, from {@code config}) again on inputs in {@value
   * #FINE_BINS} bins, and keeps whichever encoding's network has the best predictor with the
   * lower validation loss. Which is better depends on the table: on adult finer bins lowered the
   * log loss of seed 0's test rows from 0.2898 to 0.2838 (capital gains and ages resolved more
   * finely), on covertype and bank marketing they raised it (0.3986 to 0.4188, 0.2863 to
   * 0.2888); one network's validation loss ranked them alike (adult 0.2829 against 0.2807,
   * covertype 0.2666 against 0.2802). No margin, unlike {@link Selection}: a choice between two
   * is not the best of a hundred, and the two are close whenever noise decides (adult's 0.0022
   * was under two standard errors). Only classifiers compare, on as many validation rows as the
   * objectives need: a network of theirs costs seconds beside the one trained for its
   * neighbours.
   */
  private Probed chooseBins(
      Encoded coarse, First first, TrainingConfig config, IntFunction<Encoded> encodeIn,
      Preprocessing prep, float[] x, KeptRows rows, FitListener listener) {
    Encoded fine = encodeIn.apply(FINE_BINS);
    String task = "training a network on inputs in " + FINE_BINS + " bins, to compare";
    listener.onWork(task, 0, config.steps());
    First probe =
        first(fine.trainMember(), config, listener,
            (step, steps, l, v) -> listener.onWork(task, step + 1, steps));
    double[] coarseLosses =
        validationLosses(
            new Ensemble(List.of(first.result().mlp()), coarse.encoding()), true, prep, x, rows);
    double[] fineLosses =
        validationLosses(
            new Ensemble(List.of(probe.result().mlp()), fine.encoding()), true, prep, x, rows);
    boolean better = mean(fineLosses) < mean(coarseLosses);
    listener.onWork(
        String.format(Locale.ROOT,
            "%s: one network scored %.4g on the validation rows with inputs in %d bins, %.4g in %d",
            better ? "encoding the inputs in " + FINE_BINS + " bins"
                : "keeping " + encodingBins + " input bins",
            mean(coarseLosses), encodingBins, mean(fineLosses), FINE_BINS),
        1, 1);
    return better ? new Probed(fine, probe) : new Probed(coarse, first);
  }

  /** An ensemble's first network, and the configuration the others are to train with. */
  private record First(TrainingResult result, TrainingConfig config) {}

  /**
   * What the networks are trained for: the given objective, or null when the validation rows
   * choose ({@link #chooseObjective}) — when the predictor is chosen too, there are at least
   * {@value #OBJECTIVE_ROWS} validation rows, and the rows are searched exactly: above {@link
   * #HNSW_FROM} training rows a neighbour network's wider embedding would cost memory and search
   * time out of proportion.
   */
  private Objective objectiveFor(int trainingRows, int validationRows) {
    if (!autoObjective) {
      return training.objective();
    }
    boolean choose =
        predictor == null
            && validationRows >= OBJECTIVE_ROWS
            && neighborSearch.resolve(trainingRows) == NeighborSearch.EXACT;
    return choose ? null : Objective.LINEAR;
  }

  /** {@code config} for {@code objective}, with the neighbour network's shape unless one was given. */
  private TrainingConfig neighborShaped(TrainingConfig config, Objective objective) {
    TrainingConfig.Builder b = config.toBuilder().objective(objective);
    if (!shapeGiven) {
      b.width(NEIGHBOR_WIDTH).depth(NEIGHBOR_DEPTH);
    }
    return b.build();
  }

  /**
   * Trains the first network with {@code config}; if it {@linkplain #overfitEarly overfitted
   * early} under the recipe's rate, trains it again at a tenth of that rate, which the others
   * then use too.
   */
  private First first(
      Member trainMember, TrainingConfig config, FitListener listener, TrainingListener heard) {
    TrainingResult result = trainMember.train(config, 0, heard);
    if (!adaptiveRate || !overfitEarly(result.history(), config.steps())) {
      return new First(result, config);
    }
    TrainingConfig slower =
        config.toBuilder().learningRate(config.learningRate() / SLOWER_RATE).build();
    String task = String.format(Locale.ROOT,
        "training the first network again at a rate of %.2g: its best validation loss came "
            + "at step %,d of %,d",
        slower.learningRate(), result.history().bestStep(), config.steps());
    listener.onWork(task, 0, slower.steps());
    // Not compared with the first try on the validation rows: with as few of them as such
    // tables have (German credit: 80), that comparison chose the worse rate on test rows.
    result =
        trainMember.train(slower, 0, (step, steps, l, v) -> listener.onWork(task, step + 1, steps));
    return new First(result, slower);
  }

  /** An ensemble's networks, their training, and the configuration they trained with. */
  private record Trained(
      List<Mlp> members, List<TrainingHistory> histories, TrainingConfig config) {}

  /**
   * {@code first} and networks 1 to {@code networks − 1}, trained with its configuration,
   * network m telling {@code heard.apply(m)}.
   */
  private static Trained withRest(
      First first, Member trainMember, int networks, IntFunction<TrainingListener> heard) {
    List<Mlp> members = new ArrayList<>(List.of(first.result().mlp()));
    List<TrainingHistory> histories = new ArrayList<>(List.of(first.result().history()));
    for (int m = 1; m < networks; m++) {
      TrainingResult result = trainMember.train(first.config(), m, heard.apply(m));
      members.add(result.mlp());
      histories.add(result.history());
    }
    return new Trained(members, histories, first.config());
  }

  /**
   * Trains one network for its neighbours beside {@code linear}, the ensemble trained for its
   * output, and replaces that ensemble by one trained for its neighbours only if the one
   * network's best predictor ({@link Selection}) already predicts the validation rows better
   * than the whole ensemble's, by more than two standard errors. Against the ensemble, not its
   * first network: averaging six networks' outputs gains more than setting six neighbour
   * embeddings side by side (airfoil, seed 1: one network of each chose the neighbours, which
   * scored 1.27 on test rows against 1.05). A regressor's trains for its neighbours alone
   * (California housing, one network, seed 0: 0.451 on test rows, for both objectives 0.476),
   * a classifier's for both, so that its output still blends into the vote (covertype, seed 0:
   * log loss 0.340 for both, 0.376 for the neighbours alone, 0.387 for the output).
   */
  private Trained chooseObjective(
      Trained linear, Member trainMember, PiecewiseLinearEncoding encoding, Preprocessing prep,
      float[] x, KeptRows rows, int tableRows, FitListener listener) {
    boolean classes = prep.isClassification();
    Objective objective = classes ? Objective.BOTH : Objective.NEIGHBORS;
    int networks = ensembleFor(tableRows, classes, objective);
    TrainingConfig config = neighborShaped(training, objective);
    String task = "training a network for its neighbours, to compare";
    listener.onWork(task, 0, config.steps());
    First probe =
        first(trainMember, config, listener,
            (step, steps, l, v) -> listener.onWork(task, step + 1, steps));
    double[] linearLosses =
        validationLosses(new Ensemble(linear.members(), encoding), true, prep, x, rows);
    double[] neighborLosses =
        validationLosses(new Ensemble(List.of(probe.result().mlp()), encoding),
            objective != Objective.NEIGHBORS, prep, x, rows);
    boolean better = Selection.clearlyBetter(neighborLosses, linearLosses);
    String choice = better
        ? String.format(Locale.ROOT,
            "%s: one scored %.4g on the validation rows, the networks trained for their output "
                + "%.4g",
            networks == 1
                ? "taking the network trained for its neighbours"
                : "training the networks for their neighbours",
            mean(neighborLosses), mean(linearLosses))
        : String.format(Locale.ROOT,
            "keeping the networks trained for their output: they scored %.4g on the validation "
                + "rows, one trained for its neighbours %.4g",
            mean(linearLosses), mean(neighborLosses));
    listener.onWork(choice, 1, 1);
    if (!better) {
      return linear;
    }
    String rest = "training the other networks for their neighbours";
    int steps = probe.config().steps();
    long total = (long) (networks - 1) * steps;
    if (total > 0) {
      listener.onWork(rest, 0, total);
    }
    return withRest(probe, trainMember, networks, m -> {
      long done = (long) (m - 1) * steps;
      return (step, all, l, v) -> listener.onWork(rest, done + step + 1, total);
    });
  }

  /**
   * The validation rows' losses under the best predictor of {@code network}, whose output layer
   * trained or not.
   */
  private double[] validationLosses(
      Ensemble network, boolean outputTrained, Preprocessing prep, float[] x, KeptRows rows) {
    try (Variants variants =
        new Variants(null, prep, network, rows, x, false, training.seed(), null,
            training.threads())) {
      return Selection.rank(
              network, variants.fittingPass(), variants.fittingTargets(),
              variants.validationPass(), variants.validationTargets(), prep.targets(),
              prep.isClassification(), outputTrained, variants.workers())
          .losses();
    }
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).sum() / values.length;
  }

  /**
   * What builds the HNSW graph over a predictor's {@code rows} nodes, from the training seed,
   * telling {@code listener}; null when the model searches exactly.
   */
  private Predictor.Graphs graphs(int rows, FitListener listener) {
    if (neighborSearch.resolve(rows) != NeighborSearch.HNSW) {
      return null;
    }
    return (nodes, dimension) -> {
      int n = nodes.length / dimension;
      String task = String.format(Locale.ROOT, "indexing %,d training rows in an HNSW graph", n);
      listener.onWork(task, 0, n);
      return new HnswIndex(
          nodes, dimension, training.seed(), done -> listener.onWork(task, done, n));
    };
  }

  /**
   * Whether a network kept the parameters of its first {@value #EARLY_SHARE} of {@code steps}: it
   * fitted its training rows' noise while the rate was still near its top (German credit: step
   * 30 of 4,000; red wine: 33–108), so the recipe's rate is too high for these rows.
   */
  private static boolean overfitEarly(TrainingHistory history, int steps) {
    return !Double.isNaN(history.bestLoss()) && history.bestStep() < EARLY_SHARE * steps;
  }

  /** The seed of network {@code m} of an ensemble: the first trains from the seed itself. */
  static long memberSeed(long seed, int m) {
    return seed + m * 0x9E37_79B9_7F4A_7C15L;
  }

  /** Progress of network {@code m} of {@code count}, told as part of the whole run. */
  private static TrainingListener member(TrainingListener listener, int m, int count) {
    if (count == 1) {
      return listener;
    }
    return (step, steps, loss, validationLoss) ->
        listener.onStep(m * steps + step, count * steps, loss, validationLoss);
  }

  /** The candidates ranked on the validation rows; null when those are too few. */
  private static Selection.Ranking select(
      Preprocessing prep, Ensemble network, Objective objective, KeptRows rows,
      Variants variants) {
    if (rows.validation().length < MlpTrainer.MIN_VALIDATION_ROWS) {
      return null;
    }
    return Selection.rank(
        network, variants.fittingPass(), variants.fittingTargets(), variants.validationPass(),
        variants.validationTargets(), prep.targets(), prep.isClassification(),
        objective != Objective.NEIGHBORS, variants.workers());
  }

  /**
   * Configures a {@link Regressor}; every setting has the command line's default: a tabular
   * recipe, measured on eleven data sets against gradient boosting (docs/RESULTS.md) — inputs
   * encoded piecewise-linearly in {@value #ENCODING_BINS} bins, an ensemble of {@value
   * #ENSEMBLE} networks of E1's shape ({@value #SMALL_TABLE_ENSEMBLE} for regression on fewer
   * than {@value #SMALL_TABLE} rows), each trained for {@value #STEPS} Adam steps on mini-batches
   * of {@value #BATCH} rows at a rate of {@value #RATE} falling on a cosine, the parameters with
   * the lowest validation loss kept.
   */
  public static final class Builder {
    static final int ENCODING_BINS = 16;
    static final int ENSEMBLE = 3;
    static final int SMALL_TABLE_ENSEMBLE = 6;
    static final int SMALL_TABLE = 5_000;
    static final int STEPS = 4000;
    static final int BATCH = 256;
    static final double RATE = 0.003;

    private final TrainingConfig.Builder training =
        TrainingConfig.builder()
            .steps(STEPS)
            .batchSize(BATCH)
            .schedule(Schedule.COSINE)
            .learningRate(RATE);
    private OptimizerType optimizer = OptimizerType.ADAM;
    private int ensemble = AUTO_ENSEMBLE;
    private InputScaling inputScaling = InputScaling.STANDARD;
    private int encodingBins = ENCODING_BINS;
    private PredictorSpec predictor;
    private double calibration = DEFAULT_CALIBRATION;
    private int maxLevels = TableEncoding.DEFAULT_MAX_LEVELS;
    private boolean shapeGiven;
    private boolean binsGiven;
    private boolean rateGiven;
    private boolean objectiveGiven;
    private NeighborSearch neighborSearch = NeighborSearch.AUTO;

    private Builder() {}

    /**
     * Levels of a categorical column that get a one-hot input of their own ({@value
     * TableEncoding#DEFAULT_MAX_LEVELS}): the most frequent; the rest share one.
     */
    public Builder maxLevels(int v) {
      maxLevels = v;
      return this;
    }

    /** Every training setting at once (replacing those set so far). */
    public Builder training(TrainingConfig config) {
      optimizer = config.optimizer();
      shapeGiven = true;
      rateGiven = true;
      objectiveGiven = true;
      training
          .width(config.width())
          .depth(config.depth())
          .steps(config.steps())
          .batchSize(config.batchSize())
          .optimizer(config.optimizer())
          .learningRate(config.learningRate())
          .schedule(config.schedule())
          .initializer(config.initializer())
          .seed(config.seed())
          .threads(config.threads())
          .validationFraction(config.validationFraction())
          .patience(config.patience())
          .weightDecay(config.weightDecay())
          .objective(config.objective())
          .candidateShare(config.candidateShare());
      return this;
    }

    /**
     * How many networks to train, from different seeds, and average; their embeddings side by
     * side are the model's embedding. {@link #AUTO_ENSEMBLE} (the default) lets the table decide:
     * see {@link Regressor#ensembleFor}.
     */
    public Builder ensemble(int v) {
      ensemble = v;
      return this;
    }

    /**
     * Encodes each input piecewise-linearly in at most {@code bins} bins between quantiles of its
     * training values before the network sees it (0 for none); distances in raw space stay on the
     * scaled inputs. Unless given: {@value #ENCODING_BINS}, and a classifier whose objective the
     * validation rows choose takes {@value Regressor#FINE_BINS} if a network on that many bins
     * scores the validation rows better than one on {@value #ENCODING_BINS} (fit says which).
     */
    public Builder encodingBins(int bins) {
      encodingBins = bins;
      binsGiven = true;
      return this;
    }

    /** How inputs are scaled ({@link InputScaling#STANDARD}). */
    public Builder inputScaling(InputScaling v) {
      inputScaling = v;
      return this;
    }

    /**
     * Nodes per hidden layer (32; a classifier's {@value Regressor#CLASSIFIER_WIDTH} unless width
     * or depth is given).
     */
    public Builder width(int v) {
      training.width(v);
      shapeGiven = true;
      return this;
    }

    /**
     * Hidden layers (8; a classifier's {@value Regressor#CLASSIFIER_DEPTH} unless width or depth
     * is given).
     */
    public Builder depth(int v) {
      training.depth(v);
      shapeGiven = true;
      return this;
    }

    /** Optimiser steps (4,000). */
    public Builder steps(int v) {
      training.steps(v);
      return this;
    }

    /** Rows per step (256); 0 for the full batch. */
    public Builder batchSize(int v) {
      training.batchSize(v);
      return this;
    }

    /** The optimiser (Adam); another one starts from its own learning rate unless given one. */
    public Builder optimizer(OptimizerType v) {
      if (v != optimizer) {
        training.optimizer(v).learningRate(Double.NaN);
        optimizer = v;
      }
      return this;
    }

    /**
     * The (initial) learning rate; NaN for the optimiser's own. Without one, Adam starts at
     * {@value #RATE}, and when the first network overfits within the first {@value
     * Regressor#EARLY_SHARE} of its steps, every network trains at a tenth of that.
     */
    public Builder learningRate(double v) {
      rateGiven = true;
      training.learningRate(v);
      return this;
    }

    /** How the learning rate moves over the run (cosine). */
    public Builder schedule(Schedule v) {
      training.schedule(v);
      return this;
    }

    /** How parameters start (the original author's). */
    public Builder initializer(Initializer v) {
      training.initializer(v);
      return this;
    }

    /** Seeds the calibration split, initialisation, validation split and batches (0). */
    public Builder seed(long v) {
      training.seed(v);
      return this;
    }

    /** Threads for fitting and for the fitted model (every processor); no effect on results. */
    public Builder threads(int v) {
      training.threads(v);
      return this;
    }

    /** Share of the training rows held out to keep the best parameters (0.1). */
    public Builder validationFraction(double v) {
      training.validationFraction(v);
      return this;
    }

    /** Validation checks without improvement before stopping; 0 (the default) never stops. */
    public Builder patience(int v) {
      training.patience(v);
      return this;
    }

    /** Adam's decoupled weight decay of the weight matrices (0: none). */
    public Builder weightDecay(double v) {
      training.weightDecay(v);
      return this;
    }

    /**
     * What the networks are trained for: their output, a soft nearest-neighbour prediction in
     * their embedding, which the interpolants then predict in, or both. By default fitting
     * chooses ({@link #autoObjective()}).
     */
    public Builder objective(Objective v) {
      training.objective(v);
      objectiveGiven = true;
      return this;
    }

    /**
     * The default: a model whose predictor is chosen on the validation rows, and whose rows are
     * searched exactly, trains its networks for their output and then one network for its
     * neighbours (a classifier's for both; {@value Regressor#NEIGHBOR_WIDTH} × {@value
     * Regressor#NEIGHBOR_DEPTH} unless the shape is given); if that one's best predictor is
     * better on the validation rows than the ensemble's by more than two standard errors, it
     * replaces the ensemble (as {@link Regressor#ensembleFor} counts). Otherwise the networks
     * train for their output. (California housing, three networks, seeds 0 and 1: 0.473 and 0.493 for their
     * output, 0.441 and 0.463 for their neighbours.)
     */
    public Builder autoObjective() {
      training.objective(Objective.LINEAR);
      objectiveGiven = false;
      return this;
    }

    /**
     * With a neighbour objective, the share of the training rows drawn at each step as the
     * candidates a batch is predicted from ({@value TrainingConfig#DEFAULT_CANDIDATE_SHARE}).
     */
    public Builder candidateShare(double v) {
      training.candidateShare(v);
      return this;
    }

    /**
     * How the model predicts; by default it is chosen by error on the validation rows (see {@link
     * #autoPredictor()}).
     */
    public Builder predictor(PredictorSpec v) {
      if (v == null) {
        throw new IllegalArgumentException("a predictor is needed; autoPredictor() chooses one");
      }
      predictor = v;
      return this;
    }

    /**
     * Chooses how the model predicts (the default): the network alone, or k-NN of the targets or
     * of the network's residuals in the embedding or the weighted embedding, with its k — whichever
     * has the lowest error on the validation rows, which the network did not train on. With fewer
     * than {@link MlpTrainer#MIN_VALIDATION_ROWS} validation rows, {@link PredictorSpec#DEFAULT}.
     */
    public Builder autoPredictor() {
      predictor = null;
      return this;
    }

    /** Predicts with {@code spec} in {@code space}, interpolating the targets. */
    public Builder predictor(InterpolantSpec spec, Space space) {
      return predictor(PredictorSpec.of(spec, space));
    }

    /**
     * Share of rows held out of everything to calibrate intervals, which then have split
     * conformal's exact finite-sample guarantee; 0 (the default) calibrates on the validation
     * rows instead.
     */
    public Builder calibration(double v) {
      calibration = v;
      return this;
    }

    /**
     * How models search their training rows for neighbours ({@link NeighborSearch#AUTO}: exact
     * below {@link #HNSW_FROM} rows, an HNSW graph from there on).
     */
    public Builder neighborSearch(NeighborSearch v) {
      if (v == null) {
        throw new IllegalArgumentException("a neighbour search is needed; AUTO chooses one");
      }
      neighborSearch = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public Regressor build() {
      if (!(calibration >= 0 && calibration < 1)) {
        throw new IllegalArgumentException(
            "calibration share must be in [0, 1), got " + calibration);
      }
      if (ensemble < 1 && ensemble != AUTO_ENSEMBLE) {
        throw new IllegalArgumentException("an ensemble needs at least one network, got " + ensemble);
      }
      if (encodingBins < 0 || encodingBins == 1) {
        throw new IllegalArgumentException("encoding bins must be 0 or at least 2, got " + encodingBins);
      }
      if (maxLevels < 1) {
        throw new IllegalArgumentException("max levels must be at least 1, got " + maxLevels);
      }
      return new Regressor(
          training.build(), ensemble, inputScaling, encodingBins, predictor, calibration,
          maxLevels, shapeGiven, binsGiven, neighborSearch,
          !rateGiven && optimizer == OptimizerType.ADAM, !objectiveGiven);
    }
  }
}
