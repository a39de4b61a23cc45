package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Delimiter;
import org.precond.prep.Deduplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond inspect}: what a CSV file holds, column by column, and what looks wrong. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Prints the size of a CSV file and, per column, min, mean, max, standard deviation "
          + "(population) and number of distinct values; flags constant columns, columns "
          + "repeating another, and duplicate rows.",
      "Every column must be numeric."
    })
final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "CSV file with a header row, or - for stdin.")
  Path file;

  @Option(
      names = "--delimiter",
      paramLabel = "DELIM",
      defaultValue = DelimiterConverter.AUTO,
      converter = DelimiterConverter.class,
      description = "Field separator: ',', ';', 'tab', or 'auto' to detect it from the header.")
  Delimiter delimiter;

  @Override
  public Integer call() throws IOException {
    Dataset data = CsvReader.builder().delimiter(delimiter).targets(List.of()).build().read(file);
    print(data, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** One column's statistics, computed in double precision. */
  private record ColumnSummary(
      double min, double mean, double max, double std, int distinct) {

    static ColumnSummary of(float[] values) {
      double sum = 0;
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : values) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double mean = sum / values.length;
      double squares = 0;
      for (float v : values) {
        squares += (v - mean) * (v - mean);
      }
      float[] sorted = values.clone();
      Arrays.sort(sorted);
      int distinct = 1;
      for (int i = 1; i < sorted.length; i++) {
        // != rather than bit equality, so that -0.0 and 0.0 count once
        if (sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      return new ColumnSummary(
          min, mean, max, min == max ? 0 : Math.sqrt(squares / values.length), distinct);
    }
  }

  private void print(Dataset data, PrintWriter out) {
    int rows = data.rows();
    int columns = data.featureCount();
    float[][] values = new float[columns][rows];
    float[] block = data.features();
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++, i++) {
        values[c][r] = block[i];
      }
    }
    int duplicateRows = Deduplication.removeExactDuplicates(data).removed();
    List<String> names = data.featureNames();

    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"#", "column", "min", "mean", "max", "std", "distinct", "notes"});
    int constant = 0;
    int repeated = 0;
    for (int c = 0; c < columns; c++) {
      ColumnSummary s = ColumnSummary.of(values[c]);
      String notes = "";
      if (s.distinct() == 1) {
        notes = "constant";
        constant++;
      }
      for (int earlier = 0; earlier < c; earlier++) {
        if (Arrays.equals(values[earlier], values[c])) {
          notes =
              join(
                  notes,
                  "same values as column " + (earlier + 1) + " (" + names.get(earlier) + ")");
          repeated++;
          break;
        }
      }
      table.add(
          new String[] {
            Integer.toString(c + 1),
            names.get(c),
            number(s.min()),
            number(s.mean()),
            number(s.max()),
            number(s.std()),
            Integer.toString(s.distinct()),
            notes
          });
    }

    out.printf(Locale.ROOT, "%s: %d rows, %d columns%n", file, rows, columns);
    printAligned(table, out);
    out.printf(
        Locale.ROOT,
        "constant columns: %d, columns repeating an earlier one: %d, duplicate rows: %d%n",
        constant,
        repeated,
        duplicateRows);
    out.flush();
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  /** Six significant digits, plain notation where that stays short. */
  private static String number(double v) {
    double magnitude = Math.abs(v);
    if (v == 0) {
      return "0";
    }
    if (magnitude >= 1e-4 && magnitude < 1e9) {
      return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.5e", v);
  }

  /** Names and notes flush left, numbers flush right, two spaces between columns. */
  private static void printAligned(List<String[]> table, PrintWriter out) {
    int[] widths = new int[table.get(0).length];
    for (String[] line : table) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] line : table) {
      sb.setLength(0);
      for (int i = 0; i < line.length; i++) {
        boolean left = i == 1 || i == line.length - 1;
        String cell = line[i];
        String pad = " ".repeat(widths[i] - cell.length());
        if (i > 0) {
          sb.append("  ");
        }
        sb.append(left ? cell + (i == line.length - 1 ? "" : pad) : pad + cell);
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
