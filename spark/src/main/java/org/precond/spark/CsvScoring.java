package org.precond.spark;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.precond.data.DataFormatException;
import org.precond.data.Delimiter;

/**
 * Scores a CSV file through Spark into the CSV file {@code precond predict} would write: the
 * same columns, the same rows in the same order, the same text. Spark reads the file in splits
 * (one partition each, in file order) as text, which the models read as the CLI reads cells;
 * the predictions come back to the driver partition by partition, in order.
 */
final class CsvScoring {

  private CsvScoring() {}

  /**
   * Scores {@code data} into {@code out} (written whole or not at all; {@code -} is standard
   * output) in about {@code partitions} partitions; returns the number of rows.
   */
  static long score(SparkSession spark, PrecondScorer scorer, Path data, Path out, int partitions)
      throws IOException {
    List<String> columns = scorer.model().columnNames();
    Dataset<Row> rows = features(read(spark, data, partitions), columns, data);
    // Only the model's columns go in, so that the predictions may take the targets' names.
    Dataset<Row> scored = scorer.transform(rows.select(quoted(columns)));
    return write(after(scored, columns.size()), out);
  }

  /**
   * Scores {@code data} into {@code out} with a sharded model, whose predictions come back
   * grouped by partition: a row number puts them back in input order.
   */
  static long score(SparkSession spark, ShardedModel model, Path data, Path out, int partitions)
      throws IOException {
    List<String> columns = model.network().columnNames();
    Dataset<Row> rows = features(read(spark, data, partitions), columns, data)
        .select(quoted(columns))
        .withColumn(ROW, functions.monotonically_increasing_id());
    Dataset<Row> scored = model.transform(rows).orderBy(ROW);
    return write(after(scored, columns.size() + 1), out);
  }

  /** The row number column of {@link #score(SparkSession, ShardedModel, Path, Path, int)}. */
  private static final String ROW = "precond_row";

  /**
   * The CSV file {@code data} as text columns, in about {@code partitions} partitions that
   * follow the file's order.
   */
  static Dataset<Row> read(SparkSession spark, Path data, int partitions) throws IOException {
    long size = Files.size(data);
    // Splits of the file in order, about as many as asked: Spark cuts a file into pieces of at
    // most maxPartitionBytes, and into fewer than minPartitionNum only when it is small.
    spark.conf().set("spark.sql.files.maxPartitionBytes",
        Math.max(1, (size + partitions - 1) / partitions));
    spark.conf().set("spark.sql.files.minPartitionNum", partitions);
    spark.conf().set("spark.sql.files.openCostInBytes", 0);
    return spark.read()
        .option("header", "true")
        .option("sep", String.valueOf(delimiter(data).character()))
        // RFC 4180 quoting, as precond's reader: a quote inside quotes is doubled.
        .option("escape", "\"")
        .csv(data.toString());
  }

  /** {@code rows}, checked to hold the model's feature columns. */
  private static Dataset<Row> features(Dataset<Row> rows, List<String> columns, Path data)
      throws DataFormatException {
    List<String> present = List.of(rows.columns());
    for (String c : columns) {
      if (!present.contains(c)) {
        throw new DataFormatException(data.toString(), 1, 0, null,
            "no column named \"" + c + "\", which the model reads; the header has " + present);
      }
    }
    return rows;
  }

  /** The columns of {@code scored} after its first {@code first}. */
  private static Dataset<Row> after(Dataset<Row> scored, int first) {
    String[] names = scored.columns();
    return scored.select(quoted(List.of(names).subList(first, names.length)));
  }

  /**
   * Writes {@code rows} as CSV, in order, as the command line writes its tables: numbers as
   * Java prints floats, empty cells for nulls.
   */
  private static long write(Dataset<Row> rows, Path out) throws IOException {
    String[] fields = rows.columns();
    long count = 0;
    Path temporary = out.toString().equals("-") ? null
        : Files.createTempFile(out.toAbsolutePath().getParent(), ".precond-", ".csv.tmp");
    try (Writer text = temporary == null
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
      csv.writeRecord(fields);
      Iterator<Row> it = rows.toLocalIterator();
      while (it.hasNext()) {
        Row row = it.next();
        for (int c = 0; c < fields.length; c++) {
          fields[c] = row.isNullAt(c) ? "" : row.get(c).toString();
        }
        csv.writeRecord(fields);
        count++;
      }
      csv.flush();
    } catch (IOException | RuntimeException e) {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
      throw e;
    }
    if (temporary != null) {
      Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    return count;
  }

  /** Columns by name, quoted: names such as {@code y_q0.5} hold dots. */
  private static Column[] quoted(List<String> names) {
    return names.stream().map(n -> functions.col("`" + n.replace("`", "``") + "`"))
        .toArray(Column[]::new);
  }

  /** The delimiter of the file's header line, as precond's reader detects it. */
  private static Delimiter delimiter(Path data) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      Delimiter d = header == null ? null : Delimiter.detect(header);
      if (d == null) {
        throw new DataFormatException(data.toString(), 1, 0, null,
            "cannot tell whether the delimiter is comma, semicolon or tab");
      }
      return d;
    }
  }
}
