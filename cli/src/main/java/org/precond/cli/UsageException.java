package org.precond.cli;

/** A combination of options that parses but makes no sense; reported as bad usage (exit 2). */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
