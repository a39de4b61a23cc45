package org.precond.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small archives that exercise every part of the format. */
final class SampleArchives {

  private SampleArchives() {}

  /** Metadata of every JSON kind and tensors of both types, of rank 0 to 2, one of them empty. */
  static ModelArchive small() {
    ObjectNode metadata = ModelArchive.JSON.createObjectNode();
    metadata.put("kind", "test");
    metadata.put("seed", 1234567890123L);
    metadata.put("learningRate", 0.01);
    metadata.put("note", "σ² für Daten");
    metadata.putNull("calibration");
    metadata.putArray("widths").add(32).add(32);
    metadata.putObject("standardizer").put("columns", 2).put("constant", false);
    return ModelArchive.builder()
        .metadata(metadata)
        .add(
            Tensor.ofFloats(
                "layer.0.weight", new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, -0f, Float.NaN}))
        .add(Tensor.ofInts("neighbours", new int[] {4}, new int[] {0, -1, Integer.MAX_VALUE, 7}))
        .add(Tensor.ofFloats("empty", new int[] {0, 5}, new float[0]))
        .add(Tensor.ofFloats("scale", new int[] {}, new float[] {Float.MIN_VALUE}))
        .add(Tensor.ofFloats("gewicht.μ", new int[] {1}, new float[] {Float.POSITIVE_INFINITY}))
        .build();
  }
}
