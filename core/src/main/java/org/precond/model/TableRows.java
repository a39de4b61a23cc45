package org.precond.model;

import java.util.List;
import java.util.Map;
import org.precond.data.Column;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.prep.Classes;
import org.precond.prep.TableEncoding;

/**
 * A table's rows as a model's network reads them: encoded features, and numeric targets or, for
 * a classifier, its classes one-hot.
 */
record TableRows(Dataset data, Map<String, Integer> unseen) {

  /**
   * @throws IllegalArgumentException if a column is missing or of another type than in {@code
   *     encoding}, or a target is not numeric
   */
  static TableRows encode(TableEncoding encoding, Classes classes, Table table) {
    TableEncoding.Encoded features = encoding.encode(table);
    List<Column> targets = table.targets();
    if (classes != null && !targets.isEmpty()) {
      if (!(targets.get(0) instanceof Column.Categorical labels)) {
        throw new IllegalArgumentException("target " + classes.target() + " must hold labels");
      }
      return new TableRows(
          new Dataset(table.rows(), features.features(), encoding.inputs(), classes.oneHot(labels),
              classes.columns()),
          features.unseen());
    }
    int m = targets.size();
    float[] values = new float[Math.multiplyExact(table.rows(), m)];
    for (int t = 0; t < m; t++) {
      if (!(targets.get(t) instanceof Column.Numeric numeric)) {
        throw new IllegalArgumentException(
            "target " + targets.get(t).name() + " holds text; a regression target must be numeric");
      }
      float[] v = numeric.values();
      for (int r = 0; r < v.length; r++) {
        values[r * m + t] = v[r];
      }
    }
    return new TableRows(
        new Dataset(table.rows(), features.features(), encoding.inputs(), values,
            table.targetNames()),
        features.unseen());
  }
}
