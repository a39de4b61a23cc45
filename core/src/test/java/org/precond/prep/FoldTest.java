package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldTest {

  @Test
  void everyRowIsTestedExactlyOnceAndTrainedOnOtherwise() {
    int rows = 23;
    List<Fold> folds = Fold.kFold(rows, 5, 3);
    assertEquals(5, folds.size());
    int[] timesTested = new int[rows];
    for (Fold fold : folds) {
      int size = fold.test().length;
      assertTrue(size == 4 || size == 5, "fold size " + size);
      int[] union = IntStream.concat(Arrays.stream(fold.train()), Arrays.stream(fold.test()))
          .sorted()
          .toArray();
      assertArrayEquals(IntStream.range(0, rows).toArray(), union);
      for (int row : fold.test()) {
        timesTested[row]++;
      }
      assertArrayEquals(IntStream.of(fold.train()).sorted().toArray(), fold.train());
    }
    int[] once = new int[rows];
    Arrays.fill(once, 1);
    assertArrayEquals(once, timesTested);
  }

  @Test
  void sameSeedSameFolds() {
    List<Fold> a = Fold.kFold(50, 4, 9);
    List<Fold> b = Fold.kFold(50, 4, 9);
    for (int f = 0; f < 4; f++) {
      assertArrayEquals(a.get(f).test(), b.get(f).test());
      assertArrayEquals(a.get(f).train(), b.get(f).train());
    }
  }

  @Test
  void leaveOneOutIsKEqualsRows() {
    List<Fold> folds = Fold.kFold(3, 3, 0);
    for (Fold fold : folds) {
      assertEquals(1, fold.test().length);
      assertEquals(2, fold.train().length);
    }
  }

  @Test
  void rejectsImpossibleK() {
    assertThrows(IllegalArgumentException.class, () -> Fold.kFold(10, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Fold.kFold(10, 11, 0));
  }
}
