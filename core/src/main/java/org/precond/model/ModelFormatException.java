package org.precond.model;

import java.io.IOException;

/**
 * A model file, or a model read from one, is not what precond expects: not a model file at all, a
 * format version this build does not read, truncated, corrupted, or missing something its reader
 * needs.
 *
 * <p>The message is one line, {@code "<source>: <problem>"}, so that a command line can print it
 * as it is.
 */
public class ModelFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * @param source the file, or a description of where the model came from when it has no file
   * @param problem what is wrong, as a short phrase
   */
  public ModelFormatException(String source, String problem) {
    this(source, problem, null);
  }

  /**
   * @param source the file, or a description of where the model came from when it has no file
   * @param problem what is wrong, as a short phrase
   * @param cause the lower-level failure that revealed the problem, if any
   */
  public ModelFormatException(String source, String problem, Throwable cause) {
    // Problems may quote file content (names, parser messages); keep the message on one line.
    super(source + ": " + problem.replaceAll("\\R", " "), cause);
    this.source = source;
  }

  /** The file, or a description of where the model came from. */
  public String source() {
    return source;
  }
}
