package org.precond.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Friedman #1 as CSV, the scale benchmark's table: inputs x1 … xp uniform on [0, 1], of which only
 * the first five matter, and {@code y = 10 sin(π x1 x2) + 20 (x3 − ½)² + 10 x4 + 5 x5 + ε} with
 * standard normal noise ε (Friedman 1991).
 *
 * <p>Usage: {@code FriedmanData rows inputs seed FILE}; inputs at least 5.
 */
public final class FriedmanData {

  private FriedmanData() {}

  public static void main(String[] args) throws IOException {
    int rows = Integer.parseInt(args[0]);
    int inputs = Integer.parseInt(args[1]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
    if (inputs < 5) {
      throw new IllegalArgumentException("Friedman #1 needs at least 5 inputs, got " + inputs);
    }
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
      StringBuilder line = new StringBuilder();
      for (int c = 1; c <= inputs; c++) {
        line.append('x').append(c).append(',');
      }
      out.write(line.append("y\n").toString());
      float[] x = new float[inputs];
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        for (int c = 0; c < inputs; c++) {
          x[c] = (float) random.nextDouble();
          line.append(x[c]).append(',');
        }
        double noise =
            Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble());
        double y =
            10 * Math.sin(Math.PI * x[0] * x[1])
                + 20 * (x[2] - 0.5) * (x[2] - 0.5)
                + 10 * x[3]
                + 5 * x[4]
                + noise;
        out.write(line.append((float) y).append('\n').toString());
      }
    }
  }
}
