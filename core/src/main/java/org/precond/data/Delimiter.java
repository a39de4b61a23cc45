package org.precond.data;

/** The field separators precond reads and detects: comma, semicolon (common in locales with a decimal comma) and tab. */
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
      if (counts[d.ordinal()] > counts[best.ordinal()]) {
        best = d;
        tie = false;
      } else if (d != best && counts[d.ordinal()] == counts[best.ordinal()] && counts[d.ordinal()] > 0) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  /** The name users type: {@code ,} {@code ;} or {@code tab}. */
  public String displayName() {
    return this == TAB ? "tab" : String.valueOf(character);
  }
}
