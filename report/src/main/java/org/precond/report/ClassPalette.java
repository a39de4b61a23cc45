package org.precond.report;

/**
 * One colour per class, the same in the page and in the PNG figures: Tableau's twenty, which stay
 * distinct for the classes most tables have, then again from the first.
 */
final class ClassPalette {

  private static final String[] COLOURS = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
  };

  private ClassPalette() {}

  /** The colour of class {@code c}, as {@code #rrggbb}. */
  static String colour(int c) {
    return COLOURS[c % COLOURS.length];
  }
}
