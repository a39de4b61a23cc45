package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void printsAnAlignedTableAndFlagsProblems() throws IOException {
    Path file =
        write(
            "small.csv",
            "a,b,k,a2,y\n"
                + "1,10,7,1,0.5\n"
                + "2,20,7,2,1.5\n"
                + "3,-30,7,3,2.5\n"
                + "1,10,7,1,0.5\n");
    Run run = Run.of("inspect", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        file
            + ": 4 rows, 5 columns\n"
            + "#  column  type     missing  distinct  min  mean  max       std  notes\n"
            + "1  a       numeric       0%         3    1  1.75    3  0.829156\n"
            + "2  b       numeric       0%         3  -30   2.5   20   19.2029\n"
            + "3  k       numeric       0%         1    7     7    7         0  constant\n"
            + "4  a2      numeric       0%         3    1  1.75    3  0.829156  "
            + "same values as column 1 (a)\n"
            + "5  y       numeric       0%         3  0.5  1.25  2.5  0.829156\n"
            + "constant columns: 1, columns repeating an earlier one: 1, duplicate rows: 1\n",
        run.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void showsTypesMissingSharesAndFrequentLevels() throws IOException {
    Path file = write("mixed.csv", "size,color,y\n1,red,2\n,blue,3\n3,red,\n4,NA,5\n5,?,6\n");
    Run run = Run.of("inspect", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        file
            + ": 5 rows, 3 columns\n"
            + "#  column  type         missing  distinct  min  mean  max      std  notes\n"
            + "1  size    numeric        20.0%         4    1  3.25    5  1.47902\n"
            + "2  color   categorical    40.0%         2                           "
            + "top: red (40.0%), blue (20.0%)\n"
            + "3  y       numeric        20.0%         4    2     4    6  1.58114\n"
            + "constant columns: 0, columns repeating an earlier one: 0, duplicate rows: 0\n",
        run.out().replace(System.lineSeparator(), "\n"));
    Run codes = Run.of("inspect", "--categorical", "size", "--na", "?", file.toString());
    assertTrue(codes.out().contains("1  size    categorical"), codes.out());
    assertTrue(codes.out().contains("top: red (40.0%), blue (20.0%), NA (20.0%)"), codes.out());
  }

  @Test
  void takesAnExplicitDelimiter() throws IOException {
    Path file = write("semi.csv", "a,b;y\n1;2\n");
    Run run = Run.of("inspect", "--delimiter", ";", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("1  a,b"), run.out());
    assertEquals(2, Run.of("inspect", "--delimiter", "pipe", file.toString()).exitCode());
  }

  @Test
  void badDataIsOneLineNamingRowAndColumnWithExitCodeOne() throws IOException {
    Path file = write("bad.csv", "a,b\n1,2\n3,oops\n");
    Run run = Run.of("inspect", "--numeric", "b", file.toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        "precond: " + file + ": row 3, column 2 (b): expected a number or a missing-value "
            + "marker, found \"oops\"\n",
        run.err().replace(System.lineSeparator(), "\n"));
    assertEquals("", run.out());
  }

  @Test
  void aMissingFileIsAFailureAndNoFileIsBadUsage() {
    Run missing = Run.of("inspect", dir.resolve("none.csv").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("none.csv: no such file or directory"), missing.err());
    Run noFile = Run.of("inspect");
    assertEquals(2, noFile.exitCode());
    assertTrue(noFile.err().startsWith("precond: Missing required parameter"), noFile.err());
  }

  @Test
  void helpShowsDefaults() {
    Run run = Run.of("inspect", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("Default: auto"), run.out());
  }

  @Test
  void inspectsTheCaliforniaHousingDataWhenPresent() {
    // Tests run in the module directory; the shared data sits beside the repository root.
    Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
    Path file = repositoryRoot.resolve("../shared/data/california_housing.csv").normalize();
    assumeTrue(Files.isReadable(file), "no shared data at " + file);
    Run run = Run.of("inspect", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains(": 20640 rows, 9 columns"), run.out());
    assertTrue(run.out().contains("9  MedHouseVal"), run.out());
  }
}
