package org.precond.neighbors;

/**
 * The k smallest (key, id) pairs offered so far, in a bounded max-heap whose root is the worst
 * kept: ordered by key, then by the lower id, so that ties are settled the same way everywhere.
 * Up to {@value #SORTED} pairs the heap is kept sorted, worst first (which is still a heap): a new
 * pair then goes in by a pass of minima and maxima with no branch to mispredict, cheaper for so
 * few than the heap's sift, whose every step is a coin toss to the branch predictor.
 *
 * <p>Each pair is packed into one long whose signed order is that order (the key's bits made
 * monotone in the high half, the id in the low half): one compare per step instead of two
 * dependent branches, which the compiler can turn into conditional moves.
 */
final class TopK {

  /** The largest k kept sorted. */
  static final int SORTED = 32;

  private final long[] heap;
  private final boolean sorted;
  private int size;

  TopK(int k) {
    heap = new long[k];
    sorted = k <= SORTED;
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  int capacity() {
    return heap.length;
  }

  /**
   * Keeps, in place of what was kept, the first {@code count ≤ k} pairs of {@code ascending},
   * packed and sorted: reversed they are both sorted worst first and a heap.
   */
  void fill(long[] ascending, int count) {
    for (int i = 0; i < count; i++) {
      heap[i] = ascending[count - 1 - i];
    }
    size = count;
  }

  boolean full() {
    return size == heap.length;
  }

  /** The worst key kept; only meaningful once {@link #full}. */
  float worstKey() {
    return key(heap[0]);
  }

  /** The id of the {@code i}-th pair kept, in heap order. */
  int id(int i) {
    return id(heap[i]);
  }

  /** Offers a pair, kept only if it is among the k best so far. */
  void offer(float key, int id) {
    offer(pack(key, id));
  }

  /**
   * Offers a packed pair and returns the one it pushed out of a full heap, {@link Long#MAX_VALUE}
   * when none, or itself when it was not kept.
   */
  long offer(long entry) {
    if (sorted) {
      return offerSorted(entry);
    }
    if (size < heap.length) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        long p = heap[parent];
        if (p >= entry) {
          break;
        }
        heap[i] = p;
        i = parent;
      }
      heap[i] = entry;
      return Long.MAX_VALUE;
    }
    long worst = heap[0];
    if (entry >= worst) {
      return entry;
    }
    siftDown(entry, size);
    return worst;
  }

  /** {@link #offer} for a heap kept sorted, worst first. */
  private long offerSorted(long entry) {
    if (size < heap.length) {
      int i = size++;
      for (; i > 0 && heap[i - 1] < entry; i--) {
        heap[i] = heap[i - 1];
      }
      heap[i] = entry;
      return Long.MAX_VALUE;
    }
    long worst = heap[0];
    if (entry >= worst) {
      return entry;
    }
    // The worst leaves and every pair moves up one place down to where the entry goes: place i
    // takes the larger of the entry and its lower neighbour, unless its own pair is smaller.
    int last = size - 1;
    for (int i = 0; i < last; i++) {
      heap[i] = Math.max(heap[i + 1], Math.min(heap[i], entry));
    }
    heap[last] = Math.min(heap[last], entry);
    return worst;
  }

  /** Moves the kept pairs, best first, to {@code outIds} and {@code outKeys} from {@code off}. */
  void drainAscending(int[] outIds, float[] outKeys, int off) {
    while (size > 0) {
      int last = --size;
      outIds[off + last] = id(heap[0]);
      outKeys[off + last] = key(heap[0]);
      siftDown(heap[last], last);
    }
  }

  /**
   * Puts {@code entry} in place of the root of a heap of {@code n} entries, bottom-up (Floyd):
   * the hole left by the root goes down along the larger children to a leaf, then the entry
   * climbs back the few steps it needs. Choosing a child is a conditional move, so the descent
   * has no branch to mispredict; a top-down sift would have two per level.
   */
  private void siftDown(long entry, int n) {
    int i = 0;
    for (int child = 1; child < n; child = 2 * i + 1) {
      long c = heap[child];
      if (child + 1 < n) {
        long right = heap[child + 1];
        if (right > c) {
          c = right;
          child++;
        }
      }
      heap[i] = c;
      i = child;
    }
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long p = heap[parent];
      if (p >= entry) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Packs (key, id) into a long whose signed order is the neighbour order; ids are ≥ 0. */
  static long pack(float key, int id) {
    return ((long) monotone(key) << 32) | id;
  }

  static float key(long entry) {
    return fromMonotone((int) (entry >> 32));
  }

  static int id(long entry) {
    return (int) entry;
  }

  /** The key's bits as an int whose signed order is the keys' order (NaNs aside). */
  static int monotone(float key) {
    int bits = Float.floatToRawIntBits(key);
    // Negative floats order backwards as integers: flip their magnitude bits.
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  static float fromMonotone(int monotone) {
    return Float.intBitsToFloat(monotone ^ ((monotone >> 31) & 0x7fffffff));
  }
}
