package org.precond.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataFingerprintTest {

  private static final List<String> NAMES = List.of("x", "y", "température");

  // The expected values were computed outside Java from the encoding in the class documentation,
  // so they pin the fingerprint across machines, JDKs and releases.

  @Test
  void theFingerprintIsFixedForGivenData() {
    assertEquals(
        "3572f4e79fcc2ec3",
        DataFingerprint.of(NAMES, new float[] {1, 2.5f, -3.25f}, new float[] {0.1f}, new float[0]));
    assertEquals("e1e907416bdeee51", DataFingerprint.of(List.of()));
  }

  @Test
  void dataLargerThanTheBufferIsFingerprintedWhole() {
    float[] halves = new float[5000];
    for (int i = 0; i < halves.length; i++) {
      halves[i] = i * 0.5f;
    }
    float[] negatives = new float[3000];
    for (int i = 0; i < negatives.length; i++) {
      negatives[i] = -i;
    }
    assertEquals(
        "d95a2a682a00507d", DataFingerprint.of(List.of("c".repeat(10_000)), halves, negatives));
  }

  @Test
  void anyChangeToTheDataChangesTheFingerprint() {
    float[] first = {1, 2, 3};
    float[] second = {4};
    String base = DataFingerprint.of(NAMES, first, second);

    assertNotEquals(base, DataFingerprint.of(NAMES, first, new float[] {Math.nextUp(4f)}));
    assertNotEquals(base, DataFingerprint.of(NAMES, new float[] {1, 3, 2}, new float[] {4}));
    assertNotEquals(base, DataFingerprint.of(NAMES, new float[] {1, 2}, new float[] {3, 4}));
    assertNotEquals(base, DataFingerprint.of(NAMES, new float[] {1, 2, 3, 4}));
    assertNotEquals(base, DataFingerprint.of(List.of("y", "x", "température"), first, second));
    assertNotEquals(base, DataFingerprint.of(List.of("x", "yt", "empérature"), first, second));
    assertNotEquals(base, DataFingerprint.of(List.of("x", "y"), first, second));
    assertNotEquals(
        DataFingerprint.of(NAMES, new float[] {0f}), DataFingerprint.of(NAMES, new float[] {-0f}));
  }

  @Test
  void everyNanIsTheSameMissingValue() {
    float otherNan = Float.intBitsToFloat(0x7fc00001);
    assertEquals(
        DataFingerprint.of(NAMES, new float[] {Float.NaN}),
        DataFingerprint.of(NAMES, new float[] {otherNan}));
  }
}
