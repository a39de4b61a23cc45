package org.precond.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.precond.data.CsvReader;
import org.precond.data.DataFormatException;
import org.precond.model.PrecondModel;
import org.precond.model.PredictionColumns;

/**
 * Predicts one partition's rows in batches and appends the prediction columns to each row. A
 * batch's cells go through the model's own {@link CsvReader} ({@link RowCells}).
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelFile> model;
  private final PredictionColumns.Request request;
  private final String[] names;
  private final String[] inputColumns;
  private final int batchSize;

  /**
   * @param names the names of the point predictions ({@link PredictionColumns#of(PrecondModel,
   *     PredictionColumns.Request, List)})
   * @param inputColumns the names of the input rows' fields, in order
   */
  ScorePartition(Broadcast<ModelFile> model, PredictionColumns.Request request,
      List<String> names, String[] inputColumns, int batchSize) {
    this.model = model;
    this.request = request;
    this.names = names.toArray(String[]::new);
    this.inputColumns = inputColumns.clone();
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    PrecondModel m = model.value().model();
    PredictionColumns layout = PredictionColumns.of(m, request, List.of(names));
    List<String> features = m.columnNames();
    int[] at = RowCells.positions(features, inputColumns);
    CsvReader reader = m.rowReader().targets(List.of()).build();
    TaskContext task = TaskContext.get();
    String source = "partition " + (task == null ? 0 : task.partitionId());
    return new Iterator<>() {
      private final List<Row> batch = new ArrayList<>(batchSize);
      private PredictionColumns.Values values;
      private int next;
      private long done;

      @Override
      public boolean hasNext() {
        if (values != null && next < values.rows()) {
          return true;
        }
        if (!rows.hasNext()) {
          return false;
        }
        predictBatch();
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row in = batch.get(next);
        int width = in.length();
        int added = values.columns().size();
        Object[] out = new Object[width + added];
        for (int i = 0; i < width; i++) {
          out[i] = in.get(i);
        }
        for (int c = 0; c < added; c++) {
          out[width + c] = values.value(c, next);
        }
        next++;
        return RowFactory.create(out);
      }

      private void predictBatch() {
        batch.clear();
        while (batch.size() < batchSize && rows.hasNext()) {
          batch.add(rows.next());
        }
        var table = RowCells.read(reader, features, at, batch, source, done + 1);
        try {
          values = layout.values(m.predict(m.encode(table, source)));
        } catch (DataFormatException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        done += batch.size();
        next = 0;
      }
    };
  }
}
