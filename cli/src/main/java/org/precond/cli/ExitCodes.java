package org.precond.cli;

/** Exit codes of every sub-command, as picocli and most Unix tools use them. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
