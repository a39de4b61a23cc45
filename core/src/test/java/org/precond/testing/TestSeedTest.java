package org.precond.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;

/** Seeds derive from the master seed and the test's name alone, so a failure replays. */
class TestSeedTest extends RandomizedTest {

  private static final String FIXTURE = ReplayFixture.class.getName();

  @AfterEach
  void resetFixture() {
    ReplayFixture.DRAWS.clear();
    ReplayFixture.misbehave = false;
    ReplayFixture.drawInFieldInitialiser = false;
  }

  private static long[] draws(long seed) {
    Random random = new Random(seed);
    return new long[] {random.nextLong(), random.nextLong(), random.nextInt(1000)};
  }

  @Test
  void theSameMasterSeedAndNameGiveTheSameSeedAndDraws() {
    String name = "org.precond.neighbors.TopKTest#keepsTheKSmallestAndReturnsWhatItPushesOut";
    for (long master : new long[] {0, -1, 1, 0x5D3C8E0F1A2B3C4DL, random().nextLong()}) {
      long seed = TestSeed.derive(master, name);
      assertEquals(seed, TestSeed.derive(master, new String(name.toCharArray())));
      assertArrayEquals(draws(seed), draws(TestSeed.derive(master, name)));
      assertNotEquals(seed, TestSeed.derive(master + 1, name), "another master seed");
    }
    // Pinned, computed independently: seeds printed by earlier builds must replay in later ones.
    assertEquals(0x3457E7579CC48D09L, TestSeed.derive(0x5D3C8E0F1A2B3C4DL, name));
  }

  @Test
  void differentNamesGetDifferentSeeds() {
    long master = random().nextLong();
    List<String> names =
        List.of(
            "org.precond.A",
            "org.precond.A#test",
            "org.precond.A#test[1]",
            "org.precond.A#test[2]",
            "org.precond.A#test[1][1]",
            "org.precond.A#tesT",
            "org.precond.B#test",
            "");
    Set<Long> seeds = new HashSet<>();
    Set<Long> firstDraws = new HashSet<>();
    for (String name : names) {
      long seed = TestSeed.derive(master, name);
      seeds.add(seed);
      firstDraws.add(new Random(seed).nextLong());
    }
    assertEquals(names.size(), seeds.size(), "master " + TestSeed.format(master));
    assertEquals(names.size(), firstDraws.size(), "master " + TestSeed.format(master));
  }

  @Test
  void seedsAreWrittenAndReadAsHexadecimal() {
    assertEquals(0x5D3C8E0F1A2B3C4DL, TestSeed.parse("5D3C8E0F1A2B3C4D"));
    assertEquals(0x5D3C8E0F1A2B3C4DL, TestSeed.parse("0x5d3c8e0f1a2b3c4d"));
    assertEquals(0x5D3C8E0F1A2B3C4DL, TestSeed.parse(" 5D3C8E0F1A2B3C4D\n"));
    assertEquals(255, TestSeed.parse("ff"));
    assertEquals(255, TestSeed.parse("00000000000000FF"));
    assertEquals(-1, TestSeed.parse("FFFFFFFFFFFFFFFF"));
    assertEquals("FFFFFFFFFFFFFFFF", TestSeed.format(-1));
    assertEquals("00000000000000FF", TestSeed.format(255));
    long any = random().nextLong();
    assertEquals(any, TestSeed.parse(TestSeed.format(any)));
    for (String bad : new String[] {"", "0x", "xyz", "-1", "1.5", "12345678901234567", "1 2"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TestSeed.parse(bad), bad);
      assertTrue(e.getMessage().contains("hexadecimal"), e.getMessage());
    }
  }

  @Test
  void eachTestDrawsFromTheSeedOfItsName(TestInfo info) {
    String name = getClass().getName() + "#" + info.getTestMethod().orElseThrow().getName();
    assertEquals(TestSeed.derive(TestSeed.master(), name), seed());
    Random random = random();
    assertSame(random, random(), "one generator per test");
    long[] drawn = {random.nextLong(), random.nextLong(), random.nextInt(1000)};
    assertArrayEquals(draws(seed()), drawn);
  }

  private static TestExecutionSummary run(DiscoverySelector... selectors) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
    return listener.getSummary();
  }

  @Test
  void aTestRunAloneDrawsWhatItDrewInTheWholeClass() {
    TestExecutionSummary whole = run(selectClass(ReplayFixture.class));
    assertEquals(0, whole.getTotalFailureCount(), () -> whole.getFailures().toString());
    assertEquals(4, whole.getTestsSucceededCount());
    long master = TestSeed.master();
    for (String test : List.of("first", "second", "parameterized1", "parameterized2")) {
      String name = FIXTURE + "#" + test.replaceAll("(\\d)$", "[$1]");
      long[] recorded = ReplayFixture.DRAWS.get(test);
      assertEquals(TestSeed.derive(master, name), recorded[0], name);
      assertArrayEquals(draws(recorded[0]), Arrays.copyOfRange(recorded, 1, 4), name);
    }
    assertEquals(TestSeed.derive(master, FIXTURE), ReplayFixture.DRAWS.get("beforeAll")[0]);
    assertNotEquals(
        ReplayFixture.DRAWS.get("parameterized1")[0], ReplayFixture.DRAWS.get("parameterized2")[0]);

    List<long[]> inWholeClass =
        List.of(ReplayFixture.DRAWS.get("second"), ReplayFixture.DRAWS.get("parameterized2"));
    ReplayFixture.DRAWS.clear();
    assertEquals(1, run(selectMethod(ReplayFixture.class, "second")).getTestsSucceededCount());
    assertEquals(
        2, run(selectMethod(FIXTURE + "#parameterized(int)")).getTestsSucceededCount());
    assertArrayEquals(inWholeClass.get(0), ReplayFixture.DRAWS.get("second"));
    assertArrayEquals(inWholeClass.get(1), ReplayFixture.DRAWS.get("parameterized2"));
  }

  /** Runs one fixture test meant to fail and returns its failure, with what went to stderr. */
  private static Throwable failure(String method, StringBuilder stderr) {
    ReplayFixture.misbehave = true;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    TestExecutionSummary summary;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      summary = run(selectMethod(ReplayFixture.class, method));
    } finally {
      System.setErr(err);
    }
    stderr.append(captured.toString(StandardCharsets.UTF_8));
    assertEquals(1, summary.getTotalFailureCount(), method);
    return summary.getFailures().get(0).getException();
  }

  @Test
  void aFailedAssertionCarriesTheReplayCommandInItsMessage() {
    String command =
        "./mvnw -pl core test -Dtest=ReplayFixture#failsOnPurpose -Dtests.seed="
            + TestSeed.format(TestSeed.master());
    StringBuilder stderr = new StringBuilder();
    Throwable failure = failure("failsOnPurpose", stderr);
    AssertionFailedError assertion = assertInstanceOf(AssertionFailedError.class, failure);
    assertTrue(assertion.getMessage().startsWith("on purpose ==> expected: <1> but was: <2>"));
    assertTrue(
        assertion.getMessage().endsWith("\nreproduce with: " + command), failure::getMessage);
    assertEquals(1, assertion.getExpected().getValue(), "expected and actual values are kept");
    assertEquals(2, assertion.getActual().getValue());
    assertFrame(failure, "failsOnPurpose");
    assertTrue(stderr.toString().contains(FIXTURE + "#failsOnPurpose failed"), stderr::toString);
    assertTrue(stderr.toString().contains("\n  " + command + "\n"), stderr::toString);
  }

  /** The failure keeps the stack trace of the original: it points at the failed assertion. */
  private static void assertFrame(Throwable failure, String method) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getMethodName().equals(method)) {
        return;
      }
    }
    throw new AssertionError("no frame of " + method + " in the kept stack trace");
  }

  @Test
  void anotherExceptionKeepsItsTypeAndCarriesTheCommandAsSuppressed() {
    Throwable failure = failure("throwsOnPurpose", new StringBuilder());
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("on purpose", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertEquals(
        "reproduce with: ./mvnw -pl core test -Dtest=ReplayFixture#throwsOnPurpose -Dtests.seed="
            + TestSeed.format(TestSeed.master()),
        failure.getSuppressed()[0].getMessage());
  }

  @Test
  void fieldInitialisersMayNotDraw() {
    ReplayFixture.drawInFieldInitialiser = true;
    TestExecutionSummary summary = run(selectMethod(ReplayFixture.class, "first"));
    assertEquals(1, summary.getTotalFailureCount());
    Throwable failure = summary.getFailures().get(0).getException();
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(failure.getMessage().contains("not to field initialisers"), failure::getMessage);
  }
}
