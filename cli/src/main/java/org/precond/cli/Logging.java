package org.precond.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The command line's logging: one plain line per message on standard error, warnings and worse
 * by default; {@code PRECOND_LOG=info} (or {@code fine}, ...) shows more, such as which kernels
 * were chosen.
 */
final class Logging {

  private Logging() {}

  static void configure() {
    Level level = Level.WARNING;
    String wanted = System.getenv("PRECOND_LOG");
    if (wanted != null) {
      try {
        level = Level.parse(wanted.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        System.err.println("precond: ignoring PRECOND_LOG=" + wanted + " (try info or warning)");
      }
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(level);
    handler.setFormatter(
        new Formatter() {
          @Override
          public String format(LogRecord record) {
            return formatMessage(record) + System.lineSeparator();
          }
        });
    root.addHandler(handler);
    root.setLevel(level);
  }
}
