package org.precond.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.precond.data.ColumnType;
import picocli.CommandLine.Option;

/** The options that settle a column's type where inferring it from the cells would not. */
final class ColumnTypeOptions {

  @Option(names = "--categorical", split = ",", paramLabel = "NAME",
      description = "Columns read as categories even if every cell is a number (codes).")
  List<String> categorical = List.of();

  @Option(names = "--numeric", split = ",", paramLabel = "NAME",
      description = "Columns that must be numeric: a cell that is not a number nor a "
          + "missing-value marker is then an error. Other columns are numeric when every cell "
          + "is, categorical otherwise.")
  List<String> numeric = List.of();

  /** The types given, by column name. */
  Map<String, ColumnType> types() {
    Map<String, ColumnType> types = new HashMap<>();
    for (String name : numeric) {
      types.put(name, ColumnType.NUMERIC);
    }
    for (String name : categorical) {
      if (types.put(name, ColumnType.CATEGORICAL) != null) {
        throw new UsageException("column " + name + " is named by both --categorical and --numeric");
      }
    }
    return types;
  }
}
