package org.precond.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

/** Both representations of {@link TopK}, the sorted one and the heap, against a plain list. */
class TopKTest extends RandomizedTest {

  @Test
  void keepsTheKSmallestAndReturnsWhatItPushesOut() {
    for (int k : new int[] {1, 2, 3, 10, TopK.SORTED, TopK.SORTED + 1, 100}) {
      TopK top = new TopK(k);
      List<Long> kept = new ArrayList<>();
      for (int i = 0; i < 20 * k; i++) {
        // Few distinct keys, so that ties fall to the lower id.
        long entry = TopK.pack(random().nextInt(3 * k) - k, random().nextInt(1000));
        kept.add(entry);
        kept.sort(null);
        long expected = Long.MAX_VALUE;
        if (kept.size() > k) {
          expected = kept.remove(k);
        }
        String what = "k=" + k + ", offer " + i;
        assertEquals(expected, top.offer(entry), what);
        assertEquals(Math.min(i + 1, k), top.size(), what);
        if (top.full()) {
          assertEquals(TopK.key(kept.get(k - 1)), top.worstKey(), what);
        }
      }
      int[] ids = new int[k];
      float[] keys = new float[k];
      top.drainAscending(ids, keys, 0);
      for (int r = 0; r < k; r++) {
        assertEquals(TopK.id(kept.get(r)), ids[r], "k=" + k + " rank " + r);
        assertEquals(TopK.key(kept.get(r)), keys[r], "k=" + k + " rank " + r);
      }
    }
  }

  @Test
  void fillTakesSortedPairsAsTheyAre() {
    for (int k : new int[] {1, 5, TopK.SORTED, 50}) {
      long[] ascending = new long[k];
      for (int i = 0; i < k; i++) {
        ascending[i] = TopK.pack(i * 0.5f - 3, i);
      }
      TopK top = new TopK(k);
      top.fill(ascending, k);
      assertEquals(ascending[k - 1], top.offer(TopK.pack(-10f, 999)), "k=" + k);
      int[] ids = new int[k];
      top.drainAscending(ids, new float[k], 0);
      int[] expected = new int[k];
      expected[0] = 999;
      for (int i = 1; i < k; i++) {
        expected[i] = i - 1;
      }
      assertArrayEquals(expected, ids, "k=" + k);
    }
  }

  @Test
  void packingKeepsTheOrderOfKeysThenIds() {
    float[] keys = {Float.NEGATIVE_INFINITY, -3.5f, -0f, 0f, 1e-30f, 2f, Float.MAX_VALUE};
    for (int a = 0; a < keys.length; a++) {
      for (int b = 0; b < keys.length; b++) {
        long pa = TopK.pack(keys[a], 7);
        long pb = TopK.pack(keys[b], 3);
        assertEquals(Integer.compare(a, b) < 0, pa < pb, keys[a] + " vs " + keys[b]);
        assertEquals(keys[a], TopK.key(pa));
        assertEquals(7, TopK.id(pa));
      }
    }
    assertTrue(TopK.pack(1f, 3) < TopK.pack(1f, 4), "ties by the lower id");
  }
}
