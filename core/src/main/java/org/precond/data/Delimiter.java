package org.precond.data;

/**
 * The field separators precond reads and detects: comma, semicolon (usual where the decimal
 * separator is a comma) and tab.
 */
public enum Delimiter {
  COMMA(','),
  SEMICOLON(';'),
  TAB('\t');

  private final char character;

  Delimiter(char character) {
    this.character = character;
  }

  public char character() {
    return character;
  }

  /**
   * Picks the delimiter that occurs most often, outside quotes, in a header line.
   *
   * @return the delimiter, {@link #COMMA} when none occurs (a one-column file), or {@code null}
   *     when two candidates occur equally often, so that the caller can ask for it explicitly
   *     rather than guess
   */
  public static Delimiter detect(CharSequence headerLine) {
    int[] counts = new int[values().length];
    boolean quoted = false;
    for (int i = 0; i < headerLine.length(); i++) {
      char c = headerLine.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (Delimiter d : values()) {
          if (c == d.character) {
            counts[d.ordinal()]++;
          }
        }
      }
    }
    Delimiter best = COMMA;
    boolean tie = false;
    for (Delimiter d : values()) {
      int count = counts[d.ordinal()];
      if (count > counts[best.ordinal()]) {
        best = d;
        tie = false;
      } else if (d != best && count > 0 && count == counts[best.ordinal()]) {
        tie = true;
      }
    }
    return tie ? null : best;
  }
}
