package org.precond.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import org.precond.model.FitListener;

/**
 * Shows a fit's progress on standard error: a bar redrawn in place on a terminal (at most ten
 * times a second), otherwise a line every few seconds, so logs of long runs stay readable; the
 * steps after training, and predicting many rows, as a line when they start and when they end.
 */
final class TrainingProgress implements FitListener {

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LOG_NANOS = 5_000_000_000L;
  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  // The first step carries JIT warm-up; a rate measured on it alone would mislead.
  private long lastShown = started;
  private boolean drawn;
  private final java.util.Map<String, Long> starts = new java.util.HashMap<>();

  TrainingProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Progress for standard error, in place when it is a terminal. */
  static TrainingProgress onStandardError() {
    return new TrainingProgress(System.err, isTerminal());
  }

  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From Java 22 a console exists even when redirected; isTerminal() tells the difference.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void onStep(int step, int steps, double loss, double validationLoss) {
    long now = System.nanoTime();
    boolean last = step + 1 == steps;
    if (!last && now - lastShown < (terminal ? REDRAW_NANOS : LOG_NANOS)) {
      return;
    }
    lastShown = now;
    double seconds = (now - started) / 1e9;
    double rate = (step + 1) / Math.max(seconds, 1e-9);
    double eta = (steps - step - 1) / rate;
    StringBuilder line = new StringBuilder();
    if (terminal) {
      int filled = (int) ((long) BAR * (step + 1) / steps);
      line.append('\r').append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled));
      line.append("] ");
    }
    line.append(String.format(Locale.ROOT, "step %d/%d  loss %.4g", step + 1, steps, loss));
    if (!Double.isNaN(validationLoss)) {
      line.append(String.format(Locale.ROOT, "  validation %.4g", validationLoss));
    }
    line.append(String.format(Locale.ROOT, "  %.0f steps/s  ETA %s", rate, clock(eta)));
    if (terminal) {
      line.append("\u001b[K");
      out.print(line);
      drawn = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void onWork(String task, long done, long total) {
    long now = System.nanoTime();
    if (done == 0) {
      finish();
      starts.put(task, now);
      lastShown = now;
      out.println(task + " ...");
      out.flush();
      return;
    }
    // A step may hold another (calibrating holds building the graph): each ends by its own name.
    Long started = starts.get(task);
    double seconds = started == null ? 0 : (now - started) / 1e9;
    if (done >= total) {
      finish();
      out.println(String.format(Locale.ROOT, "%s: done in %.1f s", task, seconds));
      out.flush();
      starts.remove(task);
      return;
    }
    if (now - lastShown < (terminal ? REDRAW_NANOS : LOG_NANOS)) {
      return;
    }
    lastShown = now;
    double eta = seconds * (total - done) / done;
    String line = String.format(Locale.ROOT, "%s: %,d/%,d  ETA %s", task, done, total, clock(eta));
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      drawn = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the bar's line so that later output starts on a fresh one. */
  void finish() {
    if (drawn) {
      out.println();
      drawn = false;
    }
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
