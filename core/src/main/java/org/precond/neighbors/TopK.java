package org.precond.neighbors;

/**
 * The k smallest (key, id) pairs offered so far, in a bounded max-heap whose root is the worst
 * kept: ordered by key, then by the lower id, so that ties are settled the same way everywhere.
 */
final class TopK {

  private final float[] keys;
  private final int[] ids;
  private int size;

  TopK(int k) {
    keys = new float[k];
    ids = new int[k];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  boolean full() {
    return size == keys.length;
  }

  /** The worst key kept; only meaningful once {@link #full}. */
  float worstKey() {
    return keys[0];
  }

  int worstId() {
    return ids[0];
  }

  float key(int i) {
    return keys[i];
  }

  int id(int i) {
    return ids[i];
  }

  /** Whether {@link #add} would keep this pair. */
  boolean admits(float key, int id) {
    return size < keys.length || before(key, id, keys[0], ids[0]);
  }

  /** Keeps a pair that {@link #admits}, dropping the worst when full. */
  void add(float key, int id) {
    if (size < keys.length) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(keys[parent], ids[parent], key, id)) {
          break;
        }
        keys[i] = keys[parent];
        ids[i] = ids[parent];
        i = parent;
      }
      keys[i] = key;
      ids[i] = id;
    } else {
      siftDown(key, id, size);
    }
  }

  /** Offers a pair, kept only if it is among the k best so far. */
  void offer(float key, int id) {
    if (admits(key, id)) {
      add(key, id);
    }
  }

  /** Moves the kept pairs, best first, to {@code outIds} and {@code outKeys} from {@code off}. */
  void drainAscending(int[] outIds, float[] outKeys, int off) {
    while (size > 0) {
      int last = --size;
      outIds[off + last] = ids[0];
      outKeys[off + last] = keys[0];
      siftDown(keys[last], ids[last], last);
    }
  }

  /** Puts (key, id) in place of the root of a heap of {@code n} entries. */
  private void siftDown(float key, int id, int n) {
    int i = 0;
    for (int child = 1; child < n; child = 2 * i + 1) {
      if (child + 1 < n && before(keys[child], ids[child], keys[child + 1], ids[child + 1])) {
        child++;
      }
      if (!before(key, id, keys[child], ids[child])) {
        break;
      }
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** The neighbour order: nearer first, then the lower id. */
  static boolean before(float key, int id, float otherKey, int otherId) {
    return key < otherKey || (key == otherKey && id < otherId);
  }
}
