package org.precond.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Reproducible randomness for tests, after Lucene's {@code LuceneTestCase}, small.
 *
 * <p>Each test JVM has one <em>master seed</em>: the value of the system property {@value
 * #PROPERTY} when it is given (1 to 16 hexadecimal digits, an optional {@code 0x} in front, as in
 * {@code -Dtests.seed=5D3C8E0F1A2B3C4D}), otherwise a random one, printed once when first used.
 * Every test derives its own seed from the master seed and its name alone, {@link #derive}: the
 * fully qualified class name, {@code #} and the method name, and for each invocation of a
 * parameterised or repeated test its number in brackets ({@code org.x.FooTest#bar[2]}); code in
 * {@code @BeforeAll} and {@code @AfterAll} methods gets the seed of the class name alone. A test
 * therefore draws the same numbers whichever tests run before it, and running it alone with the
 * master seed of a failed run replays its draws exactly.
 *
 * <p>When a test or one of its lifecycle methods fails, this extension prints the master seed and
 * the command that replays just that test to standard error, and adds the command to the failure:
 * to the message of an assertion failure (keeping its expected and actual values), as a
 * suppressed exception to anything else.
 *
 * <p>Test classes extend {@link RandomizedTest}, which registers this extension and offers {@code
 * random()} and {@code seed()}. Both belong to the running test's thread and are not available in
 * field initialisers or constructors: the instance is made before its test starts, so draws there
 * could not be tied to the test.
 */
public final class TestSeed
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestInstancePreConstructCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  /** The system property that sets the master seed. */
  public static final String PROPERTY = "tests.seed";

  private static final Pattern HEX = Pattern.compile("(?:0[xX])?([0-9a-fA-F]{1,16})");
  private static final Pattern INVOCATION = Pattern.compile("\\[test-template-invocation:#(\\d+)]");
  private static final Pattern VECTOR_SIZE = Pattern.compile("-XX:MaxVectorSize=\\d+");

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestSeed.class);

  private static final Object LOCK = new Object();
  private static Long master;

  /** The scopes of the running thread: the test class's, then the running test's. */
  private static final ThreadLocal<Deque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

  /** A seed and the generator made from it, for one test class or one test. */
  private static final class Scope {
    final String name;
    final long seed;
    final boolean isClass;
    /** A class's scope is closed while an instance is made and its test runs. */
    boolean closed;
    private Random random;

    Scope(String name, long seed, boolean isClass) {
      this.name = name;
      this.seed = seed;
      this.isClass = isClass;
    }

    Random random() {
      if (random == null) {
        random = new Random(seed);
      }
      return random;
    }
  }

  /**
   * The master seed of this JVM: from {@value #PROPERTY} when set (and neither empty nor {@code
   * random}), otherwise drawn at random on first use and kept.
   *
   * @throws IllegalArgumentException if the property is not a hexadecimal seed
   */
  public static long master() {
    synchronized (LOCK) {
      if (master == null) {
        String given = System.getProperty(PROPERTY, "").strip();
        boolean random = given.isEmpty() || given.equalsIgnoreCase("random");
        master = random ? new SplittableRandom().nextLong() : parse(given);
        System.out.println(
            "Master seed -D" + PROPERTY + "=" + format(master)
                + (random ? " (random; pass it to replay these tests' draws)" : " (given)"));
      }
      return master;
    }
  }

  /**
   * Reads a seed written as 1 to 16 hexadecimal digits, either case, with or without {@code 0x}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static long parse(String text) {
    Matcher m = HEX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + " takes 1 to 16 hexadecimal digits, as printed on a failure"
              + " (e.g. -D" + PROPERTY + "=5D3C8E0F1A2B3C4D), not \"" + text + "\"");
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  /** A seed as {@link #parse} reads it back: 16 upper-case hexadecimal digits. */
  public static String format(long seed) {
    return String.format(Locale.ROOT, "%016X", seed);
  }

  /**
   * The seed of the test or class called {@code name} under the given master seed: a 64-bit
   * FNV-1a hash of the name's UTF-8 bytes, mixed with the master seed by SplitMix64's finaliser.
   * A pure function of its arguments, so the same in every run and whatever else runs.
   */
  public static long derive(long master, String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(master ^ mix(hash));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The name a test's seed derives from; see the class comment. */
  static String nameOf(ExtensionContext context) {
    String name = context.getRequiredTestClass().getName();
    if (context.getTestMethod().isEmpty()) {
      return name;
    }
    StringBuilder b = new StringBuilder(name).append('#');
    b.append(context.getRequiredTestMethod().getName());
    Matcher m = INVOCATION.matcher(context.getUniqueId());
    while (m.find()) {
      b.append('[').append(m.group(1)).append(']');
    }
    return b.toString();
  }

  /** The running test's own seed (or its class's, in {@code @BeforeAll}/{@code @AfterAll}). */
  public static long seed() {
    return current().seed;
  }

  /** The running test's generator, seeded with {@link #seed()}; the same object on every call. */
  public static Random random() {
    return current().random();
  }

  private static Scope current() {
    Scope scope = SCOPES.get().peek();
    if (scope == null || scope.closed) {
      throw new IllegalStateException(
          "random() and seed() belong to a running test of a class extending RandomizedTest (or"
              + " using the TestSeed extension), its @BeforeEach/@AfterEach or @BeforeAll/@AfterAll"
              + " methods, and its thread; not to field initialisers or constructors");
    }
    return scope;
  }

  private static void open(ExtensionContext context, boolean isClass) {
    String name = nameOf(context);
    Scope scope = new Scope(name, derive(master(), name), isClass);
    SCOPES.get().push(scope);
    context.getStore(NAMESPACE).put(Scope.class, scope);
  }

  private static void close(ExtensionContext context) {
    Scope scope = context.getStore(NAMESPACE).remove(Scope.class, Scope.class);
    if (scope != null) {
      SCOPES.get().removeFirstOccurrence(scope);
    }
  }

  private static void setClassScopeClosed(boolean closed) {
    Scope top = SCOPES.get().peek();
    if (top != null && top.isClass) {
      top.closed = closed;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open(context, true);
  }

  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    // Field initialisers and constructors run now, in no test: the class's scope would serve them
    // draws that depend on which tests ran before.
    setClassScopeClosed(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    open(context, false);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close(context);
    setClassScopeClosed(false);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close(context);
  }

  /** The command that runs the test (or class) of {@code context} again under this master seed. */
  static String replayCommand(ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    String packageName = type.getPackageName();
    String test = type.getName().substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
    if (context.getTestMethod().isPresent()) {
      test += "#" + context.getRequiredTestMethod().getName();
    }
    if (test.contains("$")) {
      test = "'" + test + "'";
    }
    return "./mvnw -pl " + module() + " test -Dtest=" + test
        + " -D" + PROPERTY + "=" + format(master());
  }

  /** The Maven module whose tests run: surefire starts the tests in the module's folder. */
  private static String module() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    dir = dir.toAbsolutePath();
    Path parent = dir.getParent();
    boolean isModule =
        parent != null
            && Files.exists(dir.resolve("pom.xml"))
            && Files.exists(parent.resolve("mvnw"));
    return isModule ? dir.getFileName().toString() : "core";
  }

  private static Throwable withReplayNote(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return failure;
    }
    String name = nameOf(context);
    String command = replayCommand(context);
    String flags = "";
    // The process's command line, not the management bean, which core's module does not read.
    for (String argument : ProcessHandle.current().info().arguments().orElse(new String[0])) {
      if (VECTOR_SIZE.matcher(argument).matches()) {
        flags += " " + argument;
      }
    }
    String where = flags.isEmpty() ? "" : "; in the JVM with" + flags + ", which the command runs too";
    System.err.printf(
        "NOTE: %s failed with -D%s=%s (its own seed %s%s); reproduce with:%n  %s%n",
        name, PROPERTY, format(master()), format(derive(master(), name)), where, command);
    String note = "reproduce with: " + command;
    Throwable annotated = null;
    if (failure.getClass() == AssertionFailedError.class) {
      AssertionFailedError a = (AssertionFailedError) failure;
      String message = a.getMessage() == null ? note : a.getMessage() + "\n" + note;
      annotated =
          a.isExpectedDefined() || a.isActualDefined()
              ? new AssertionFailedError(message, a.getExpected(), a.getActual(), a.getCause())
              : new AssertionFailedError(message, a.getCause());
    } else if (failure.getClass() == AssertionError.class) {
      String message = failure.getMessage() == null ? note : failure.getMessage() + "\n" + note;
      annotated = new AssertionError(message, failure.getCause());
    }
    if (annotated == null) {
      failure.addSuppressed(new ReplayNote(note));
      return failure;
    }
    annotated.setStackTrace(failure.getStackTrace());
    for (Throwable suppressed : failure.getSuppressed()) {
      annotated.addSuppressed(suppressed);
    }
    return annotated;
  }

  /** Carries the replay command on a failure whose message cannot take it. */
  static final class ReplayNote extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayNote(String note) {
      super(note, null, false, false);
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withReplayNote(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withReplayNote(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withReplayNote(context, throwable);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withReplayNote(context, throwable);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw withReplayNote(context, throwable);
  }
}
