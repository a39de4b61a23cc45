package org.precond.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads that share out numbered items. Work is split into items whose
 * results do not depend on which worker ran them, so results never depend on the thread count;
 * the worker number only selects per-thread scratch space.
 */
public final class Workers implements AutoCloseable {

  /** One item of work, run by the worker with the given number. */
  @FunctionalInterface
  public interface Task {
    void run(int worker, int item);
  }

  private final int threads;
  private final ExecutorService pool;

  /** @param threads how many threads run items, the caller's included; at least 1 */
  public Workers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread t = new Thread(r, "precond-worker");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Workers for every available processor. */
  public static Workers forAvailableProcessors() {
    return new Workers(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Runs every item in {@code [0, count)} once and returns when all are done. */
  public void forEach(int count, Task task) {
    int helpers = pool == null ? 0 : Math.min(threads, count) - 1;
    if (helpers <= 0) {
      for (int i = 0; i < count; i++) {
        task.run(0, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>(helpers);
    for (int w = 1; w <= helpers; w++) {
      int worker = w;
      running.add(pool.submit(() -> drain(worker, count, next, task)));
    }
    Throwable failure = null;
    try {
      drain(0, count, next, task);
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(count);
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    } else if (failure instanceof Error err) {
      throw err;
    } else if (failure != null) {
      throw new IllegalStateException("worker interrupted", failure);
    }
  }

  private static void drain(int worker, int count, AtomicInteger next, Task task) {
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      task.run(worker, i);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
