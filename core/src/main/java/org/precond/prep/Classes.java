package org.precond.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.precond.data.Column;

/**
 * The classes of a classification target: the target column's name and its labels, in the order
 * of the network's outputs and of the one-hot target columns {@code target=label}.
 */
public record Classes(String target, List<String> labels) {

  public Classes {
    labels = List.copyOf(labels);
    if (labels.size() < 2) {
      throw new IllegalArgumentException(
          "classification needs at least two classes; target " + target + " has " + labels);
    }
  }

  /** The classes of a training column, in natural order (numerically when all are numbers). */
  public static Classes of(Column.Categorical target) {
    int[] counts = target.counts();
    List<String> present = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        present.add(target.levels().get(i));
      }
    }
    boolean numbers = present.stream().allMatch(Classes::isNumber);
    present.sort(
        numbers
            ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b))
            : String::compareTo);
    return new Classes(target.name(), present);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public int count() {
    return labels.size();
  }

  /** The names of the one-hot target columns. */
  public List<String> columns() {
    return labels.stream().map(l -> target + "=" + l).toList();
  }

  /**
   * The column's cells one-hot, row-major {@code rows × count()}; a missing cell is all zeros.
   *
   * @throws IllegalArgumentException naming the first label that is not a class
   */
  public float[] oneHot(Column.Categorical column) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    int[] classOf = new int[column.levels().size()];
    for (int c = 0; c < classOf.length; c++) {
      Integer i = index.get(column.levels().get(c));
      classOf[c] = i == null ? -1 : i;
    }
    int[] codes = column.codes();
    float[] out = new float[Math.multiplyExact(codes.length, labels.size())];
    for (int r = 0; r < codes.length; r++) {
      if (codes[r] == Column.MISSING) {
        continue;
      }
      int i = classOf[codes[r]];
      if (i < 0) {
        throw new IllegalArgumentException(
            "target " + target + " has the label \"" + column.levels().get(codes[r])
                + "\", which is not one of the model's classes " + labels);
      }
      out[r * labels.size() + i] = 1;
    }
    return out;
  }
}
