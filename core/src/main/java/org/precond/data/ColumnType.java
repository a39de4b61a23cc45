package org.precond.data;

/** How a column's cells are read: as numbers, or as the names of categories. */
public enum ColumnType {
  NUMERIC,
  CATEGORICAL
}
