package org.precond.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.precond.data.Column;
import org.precond.data.CsvReader;
import org.precond.data.Delimiter;
import org.precond.data.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Prints the size of a CSV file and, per column, its type (numeric when every cell that is "
          + "not missing is a number, categorical otherwise), its share of missing cells and its "
          + "number of distinct values; for numeric columns min, mean, max and standard deviation "
          + "(population), for categorical ones the most frequent levels. Flags constant "
          + "columns, columns repeating another, and duplicate rows."
    })
final class InspectCommand implements Callable<Integer> {

  private static final int LEVELS_SHOWN = 3;

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

  @Option(names = "--na", split = ",", paramLabel = "MARKER",
      description = "Cells that mean a missing value, besides an empty cell; default: NA,NaN,"
          + "null,?.")
  List<String> missing = CsvReader.DEFAULT_MISSING;

  @Mixin ColumnTypeOptions columnTypes;

  @Override
  public Integer call() throws IOException {
    Table table =
        CsvReader.builder().delimiter(delimiter).targets(List.of()).missing(missing)
            .types(columnTypes.types()).build().readTable(file);
    print(table, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** A numeric column's statistics over its present cells, computed in double precision. */
  private record NumericSummary(double min, double mean, double max, double std, int distinct) {

    static NumericSummary of(Column.Numeric column) {
      float[] present = column.present();
      int n = present.length;
      if (n == 0) {
        return new NumericSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += present[i];
      }
      double mean = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        squares += (present[i] - mean) * (present[i] - mean);
      }
      Arrays.sort(present, 0, n);
      int distinct = 1;
      for (int i = 1; i < n; i++) {
        // != rather than bit equality, so that -0.0 and 0.0 count once
        if (present[i] != present[i - 1]) {
          distinct++;
        }
      }
      double min = present[0];
      double max = present[n - 1];
      return new NumericSummary(min, mean, max, min == max ? 0 : Math.sqrt(squares / n), distinct);
    }
  }

  private void print(Table data, PrintWriter out) {
    int rows = data.rows();
    List<Column> columns = data.features();
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {
      "#", "column", "type", "missing", "distinct", "min", "mean", "max", "std", "notes"});
    int constant = 0;
    int repeated = 0;
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      String[] line = new String[10];
      Arrays.fill(line, "");
      line[0] = Integer.toString(c + 1);
      line[1] = column.name();
      line[2] = column.type().name().toLowerCase(Locale.ROOT);
      line[3] = percent(column.missing(), rows);
      int distinct;
      String notes = "";
      switch (column) {
        case Column.Numeric n -> {
          NumericSummary s = NumericSummary.of(n);
          distinct = s.distinct();
          line[5] = number(s.min());
          line[6] = number(s.mean());
          line[7] = number(s.max());
          line[8] = number(s.std());
        }
        case Column.Categorical k -> {
          distinct = k.levels().size();
          notes = frequentLevels(k, rows);
        }
      }
      line[4] = Integer.toString(distinct);
      if (distinct <= 1) {
        notes = join(notes, distinct == 0 ? "empty" : "constant");
        constant++;
      }
      for (int earlier = 0; earlier < c; earlier++) {
        if (sameCells(columns.get(earlier), column)) {
          notes = join(notes, "same values as column " + (earlier + 1) + " ("
              + columns.get(earlier).name() + ")");
          repeated++;
          break;
        }
      }
      line[9] = notes;
      lines.add(line);
    }

    out.printf(Locale.ROOT, "%s: %d rows, %d columns%n", file, rows, columns.size());
    printAligned(lines, out);
    out.printf(
        Locale.ROOT,
        "constant columns: %d, columns repeating an earlier one: %d, duplicate rows: %d%n",
        constant,
        repeated,
        duplicateRows(data));
    out.flush();
  }

  /** The most frequent levels with their shares of the rows. */
  private static String frequentLevels(Column.Categorical k, int rows) {
    int[] counts = k.counts();
    Integer[] order = new Integer[counts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? counts[b] - counts[a] : a - b);
    StringBuilder sb = new StringBuilder("top: ");
    for (int i = 0; i < Math.min(LEVELS_SHOWN, order.length); i++) {
      sb.append(i == 0 ? "" : ", ").append(k.levels().get(order[i])).append(" (")
          .append(percent(counts[order[i]], rows)).append(')');
    }
    return order.length > LEVELS_SHOWN ? sb.append(", ...").toString() : sb.toString();
  }

  private static boolean sameCells(Column a, Column b) {
    if (a.type() != b.type()) {
      return false;
    }
    return switch (a) {
      case Column.Numeric n -> Arrays.equals(n.values(), ((Column.Numeric) b).values());
      case Column.Categorical k -> {
        Column.Categorical other = (Column.Categorical) b;
        for (int r = 0; r < k.rows(); r++) {
          if (!Objects.equals(k.level(r), other.level(r))) {
            yield false;
          }
        }
        yield true;
      }
    };
  }

  /** Rows that repeat an earlier row cell for cell. */
  private static int duplicateRows(Table data) {
    List<Column> columns = data.features();
    Set<List<Integer>> seen = new HashSet<>();
    int duplicates = 0;
    for (int r = 0; r < data.rows(); r++) {
      Integer[] key = new Integer[columns.size()];
      for (int c = 0; c < key.length; c++) {
        key[c] = switch (columns.get(c)) {
          case Column.Numeric n -> Float.floatToIntBits(n.values()[r] + 0f);
          case Column.Categorical k -> k.codes()[r];
        };
      }
      if (!seen.add(Arrays.asList(key))) {
        duplicates++;
      }
    }
    return duplicates;
  }

  private static String percent(int count, int rows) {
    if (count == 0) {
      return "0%";
    }
    double p = 100.0 * count / rows;
    return String.format(Locale.ROOT, p < 0.1 ? "%.2f%%" : "%.1f%%", p);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  /** Six significant digits, plain notation where that stays short. */
  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
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
        boolean left = i == 1 || i == 2 || i == line.length - 1;
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
