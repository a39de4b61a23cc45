package org.precond.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.interpolate.InterpolantSpec;
import org.precond.prep.Classes;

/**
 * The table of predictions {@code precond predict} writes, column by column: the point predictions
 * (a classifier's most probable label and one probability per class), then on request interval
 * bounds, predictive quantiles, a prediction set, and the nearest contributing training rows. The
 * command line and the Spark module both lay their output out with it, so that they write the
 * same columns with the same values.
 *
 * <p>The columns are known before any row is predicted ({@link #columns()}), which a table schema
 * needs; {@link #values} fills them for one batch of {@link Predictions}.
 */
public final class PredictionColumns {

  /** What a column holds. */
  public enum Kind {
    /** A float32 number. */
    NUMBER,
    /** A training row: its 1-based data row in the file the model was fitted on. */
    ROW,
    /** Text: a class label, or a prediction set's labels joined by {@code |}. */
    TEXT
  }

  /** One column's name and kind. */
  public record Column(String name, Kind kind) {}

  /**
   * What to write beside the point predictions.
   *
   * @param interval the level of split-conformal intervals (e.g. 0.9), or null for none
   * @param quantiles levels of predictive quantiles, empty for none
   * @param difficulty what scales intervals and quantiles per row
   * @param set the level of a classifier's prediction sets, or null for none
   * @param setScore the score of those sets
   * @param neighbors how many contributing training rows to name, 0 for none
   */
  // Serializable: a request travels with the work to where rows are predicted (Spark executors).
  public record Request(
      Double interval, List<Double> quantiles, Difficulty difficulty, Double set,
      SetScore setScore, int neighbors) implements Serializable {

    /** The point predictions alone. */
    public static final Request POINTS =
        new Request(null, List.of(), Predictions.DEFAULT_DIFFICULTY, null,
            Predictions.DEFAULT_SET_SCORE, 0);

    public Request {
      quantiles = List.copyOf(quantiles);
      Objects.requireNonNull(difficulty, "difficulty");
      Objects.requireNonNull(setScore, "setScore");
      if (interval != null && !(interval > 0 && interval < 1)) {
        throw new IllegalArgumentException("an interval level lies in (0, 1), got " + interval);
      }
      for (double q : quantiles) {
        if (!(q > 0 && q < 1)) {
          throw new IllegalArgumentException("quantile levels lie in (0, 1), got " + q);
        }
      }
      if (set != null && !(set > 0 && set < 1)) {
        throw new IllegalArgumentException("a prediction set level lies in (0, 1), got " + set);
      }
      if (neighbors < 0) {
        throw new IllegalArgumentException("neighbours cannot be negative, got " + neighbors);
      }
    }
  }

  private final PrecondModel model;
  private final Request request;
  private final List<String> names;
  private final List<Column> columns;

  private PredictionColumns(PrecondModel model, Request request, List<String> names) {
    this.model = model;
    this.request = request;
    this.names = names;
    this.columns = List.copyOf(fill(null).columns);
  }

  /**
   * The columns for {@code model}'s predictions under {@code request}, the point predictions named
   * as {@code precond predict} names them: after the targets.
   *
   * @throws IllegalArgumentException if the model cannot give what is asked
   */
  public static PredictionColumns of(PrecondModel model, Request request) {
    List<String> targets =
        model.preprocessing().isClassification()
            ? List.of(model.preprocessing().classes().target())
            : model.targetNames();
    return of(model, request, targets);
  }

  /**
   * {@link #of(PrecondModel, Request)} with the point predictions named {@code names} (one per
   * target; one for a classifier's label), which also prefix the columns derived from them
   * ({@code <name>_lower}, {@code <name>_p_<class>}, ...). The neighbours' own targets keep the
   * targets' names.
   */
  public static PredictionColumns of(PrecondModel model, Request request, List<String> names) {
    boolean classes = model.preprocessing().isClassification();
    int expected = classes ? 1 : model.targetNames().size();
    if (names.size() != expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " prediction column names, got " + names);
    }
    if (classes && (request.interval() != null || !request.quantiles().isEmpty())) {
      throw new IllegalArgumentException(
          "the model predicts classes: intervals and quantiles are for numeric targets");
    }
    if (!classes && request.set() != null) {
      throw new IllegalArgumentException("prediction sets are for classifiers");
    }
    if ((request.interval() != null || !request.quantiles().isEmpty() || request.set() != null)
        && !model.isCalibrated()) {
      throw new IllegalArgumentException(
          "the model kept no calibration rows for intervals or sets");
    }
    if (request.neighbors() > 0 && !namesNeighbors(model.predictorSpec())) {
      throw new IllegalArgumentException(
          "naming neighbours needs a neighbour-based method, not "
              + model.predictorSpec().describe());
    }
    return new PredictionColumns(model, request, List.copyOf(names));
  }

  /** Whether predictions of this spec come with the training rows behind them. */
  private static boolean namesNeighbors(PredictorSpec spec) {
    return !spec.isNetwork() && spec.interpolant().k() != InterpolantSpec.ALL;
  }

  public List<Column> columns() {
    return columns;
  }

  /** Every column's values for the rows of {@code p}, which the model this was made for gave. */
  public Values values(Predictions p) {
    return fill(Objects.requireNonNull(p, "predictions"));
  }

  /**
   * The columns with, when {@code p} is given, their values: one definition of the layout for
   * both the schema and the values, so that the two cannot drift apart.
   */
  private Values fill(Predictions p) {
    Values v = new Values(p == null ? 0 : p.rows());
    if (model.preprocessing().isClassification()) {
      fillClasses(v, p);
    } else {
      fillNumbers(v, p);
    }
    return v;
  }

  private void fillNumbers(Values v, Predictions p) {
    List<String> targets = model.targetNames();
    int t = targets.size();
    float[] means = p == null ? null : p.means();
    for (int o = 0; o < t; o++) {
      v.addFloats(names.get(o), means, t, o);
    }
    if (request.interval() != null) {
      float[][] bounds = p == null ? null : p.interval(request.interval(), request.difficulty());
      for (int o = 0; o < t; o++) {
        v.addFloats(names.get(o) + "_lower", p == null ? null : bounds[0], t, o);
        v.addFloats(names.get(o) + "_upper", p == null ? null : bounds[1], t, o);
      }
    }
    List<float[]> quantiles = new ArrayList<>();
    for (double q : request.quantiles()) {
      quantiles.add(p == null ? null : p.quantile(q, request.difficulty()));
    }
    for (int o = 0; o < t; o++) {
      for (int i = 0; i < quantiles.size(); i++) {
        v.addFloats(names.get(o) + "_q" + request.quantiles().get(i), quantiles.get(i), t, o);
      }
    }
    NeighborRows nb = p == null ? null : p.neighbors();
    addNeighbors(v, nb, (rank, prefix) -> {
      for (int o = 0; o < t; o++) {
        int o0 = o;
        v.add(prefix + targets.get(o), Kind.NUMBER,
            r -> rank < nb.count(r) ? nb.target(r, rank, o0) : null);
      }
    });
  }

  private void fillClasses(Values v, Predictions p) {
    Classes classes = model.preprocessing().classes();
    String name = names.get(0);
    int c = classes.count();
    String[] labels = p == null ? null : p.labels();
    v.add(name, Kind.TEXT, r -> labels[r]);
    float[] probabilities = p == null ? null : p.means();
    for (int j = 0; j < c; j++) {
      v.addFloats(name + "_p_" + classes.labels().get(j), probabilities, c, j);
    }
    if (request.set() != null) {
      boolean[][] sets = p == null ? null : p.sets(request.set(), request.setScore());
      v.add(name + "_set", Kind.TEXT, r -> {
        StringJoiner joined = new StringJoiner("|");
        for (int j = 0; j < c; j++) {
          if (sets[r][j]) {
            joined.add(classes.labels().get(j));
          }
        }
        return joined.toString();
      });
    }
    NeighborRows nb = p == null ? null : p.neighbors();
    addNeighbors(v, nb, (rank, prefix) ->
        v.add(prefix + classes.target(), Kind.TEXT,
            r -> rank < nb.count(r) ? nb.label(r, rank) : null));
  }

  /** What a rank of neighbours adds after its row, distance and weight. */
  private interface NeighborTargets {
    void add(int rank, String prefix);
  }

  /** Per rank the neighbour's training row, distance and weight, then {@code targets}' columns. */
  private void addNeighbors(Values v, NeighborRows nb, NeighborTargets targets) {
    for (int rank = 0; rank < request.neighbors(); rank++) {
      int r0 = rank;
      String prefix = "neighbor_" + (rank + 1) + "_";
      v.add(prefix + "row", Kind.ROW, r -> r0 < nb.count(r) ? nb.trainingRow(r, r0) + 1 : null);
      v.add(prefix + "distance", Kind.NUMBER,
          r -> r0 < nb.count(r) ? nb.distance(r, r0) : null);
      v.add(prefix + "weight", Kind.NUMBER,
          r -> r0 < nb.count(r) ? (float) nb.weight(r, r0) : null);
      targets.add(r0, prefix);
    }
  }

  /** The columns' values for one batch of predictions. */
  public static final class Values {

    private final int rows;
    private final List<Column> columns = new ArrayList<>();
    private final List<IntFunction<Object>> cells = new ArrayList<>();

    private Values(int rows) {
      this.rows = rows;
    }

    public int rows() {
      return rows;
    }

    public List<Column> columns() {
      return columns;
    }

    /**
     * The value of column {@code column} in row {@code row}: a {@link Float} ({@link
     * Kind#NUMBER}), an {@link Integer} ({@link Kind#ROW}) or a {@link String} ({@link
     * Kind#TEXT}); null when the row has none (fewer contributing neighbours than asked).
     */
    public Object value(int column, int row) {
      Objects.checkIndex(row, rows);
      return cells.get(column).apply(row);
    }

    /**
     * The value as {@code precond predict} writes it: numbers by {@link Float#toString(float)},
     * the shortest text that reads back to the same float; empty when there is none.
     */
    public String text(int column, int row) {
      Object v = value(column, row);
      return v == null ? "" : v.toString();
    }

    private void add(String name, Kind kind, IntFunction<Object> cell) {
      columns.add(new Column(name, kind));
      cells.add(cell);
    }

    /** Adds column {@code c} of a row-major block {@code width} wide. */
    private void addFloats(String name, float[] block, int width, int c) {
      add(name, Kind.NUMBER, r -> block[r * width + c]);
    }
  }
}
