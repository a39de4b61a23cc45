package org.precond.cli;

import java.util.Locale;

/**
 * A command that ran out of Java heap: how much it had and how to give it more. The launcher gives
 * the JVM {@code -XX:MaxRAMPercentage=75} of the machine's memory unless {@code
 * PRECOND_JAVA_OPTS} sets a limit, so more heap is a setting away, not a code change.
 */
final class HeapExhausted extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** @param maxHeap the heap's limit in bytes ({@link Runtime#maxMemory}) */
  HeapExhausted(long maxHeap) {
    super(message(maxHeap));
  }

  static String message(long maxHeap) {
    double gb = maxHeap / 1e9;
    String limit = gb >= 1
        ? String.format(Locale.ROOT, "%.1f GB", gb)
        : String.format(Locale.ROOT, "%d MB", Math.round(maxHeap / 1e6));
    long more = Math.max(1, (long) Math.ceil(2 * gb));
    return String.format(
        Locale.ROOT,
        "out of memory: the Java heap is limited to %s; give it more, e.g. "
            + "PRECOND_JAVA_OPTS=-Xmx%dg ./precond ... (java -Xmx%dg -jar precond.jar ... when run "
            + "directly), or -XX:MaxRAMPercentage=90 for most of the machine's memory",
        limit, more, more);
  }
}
