package org.precond.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A named, shaped array of float32 or int32 values, as stored in a {@link ModelArchive}.
 *
 * <p>Values are in row-major order: the last dimension varies fastest. A tensor of rank 0 holds
 * one value; a tensor with a zero dimension holds none.
 *
 * <p>Tensors are immutable. The factories copy the caller's arrays and the accessors return
 * copies, so a model that keeps training after it was saved cannot change what was saved; a model
 * is read once, so the copy is paid once.
 */
public final class Tensor {

  /** How a tensor's values are stored: four bytes each, little-endian. */
  public enum ElementType {
    FLOAT32(1),
    INT32(2);

    /** The number written to the file; never reuse or renumber one. */
    final int code;

    ElementType(int code) {
      this.code = code;
    }

    /** The type written as {@code code}, or {@code null} when no type has that number. */
    static ElementType ofCode(int code) {
      for (ElementType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The most elements a Java array can hold on common virtual machines. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final String name;
  private final ElementType type;
  private final int[] shape;
  private final float[] floats;
  private final int[] ints;

  private Tensor(String name, ElementType type, int[] shape, float[] floats, int[] ints) {
    requireValidName(name);
    long size = elementCount(shape);
    int length = floats != null ? floats.length : ints.length;
    if (length != size) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': " + length + " values do not match shape "
              + Arrays.toString(shape) + " (" + size + " values)");
    }
    this.name = name;
    this.type = type;
    this.shape = shape;
    this.floats = floats;
    this.ints = ints;
  }

  /**
   * A float32 tensor holding a copy of {@code data}.
   *
   * @throws IllegalArgumentException if the name is empty or holds control characters, a dimension
   *     is negative, or {@code data.length} is not the product of the dimensions
   */
  public static Tensor ofFloats(String name, int[] shape, float[] data) {
    return wrapFloats(name, shape.clone(), data.clone());
  }

  /**
   * An int32 tensor holding a copy of {@code data}.
   *
   * @throws IllegalArgumentException if the name is empty or holds control characters, a dimension
   *     is negative, or {@code data.length} is not the product of the dimensions
   */
  public static Tensor ofInts(String name, int[] shape, int[] data) {
    return wrapInts(name, shape.clone(), data.clone());
  }

  /**
   * A tensor over {@code data} itself, not a copy, so that a large one is not held twice: arrays
   * freshly read, or a model's arrays while it is written, which nothing changes meanwhile.
   */
  static Tensor wrapFloats(String name, int[] shape, float[] data) {
    return new Tensor(name, ElementType.FLOAT32, shape, Objects.requireNonNull(data), null);
  }

  static Tensor wrapInts(String name, int[] shape, int[] data) {
    return new Tensor(name, ElementType.INT32, shape, null, Objects.requireNonNull(data));
  }

  /**
   * Names appear in one-line error messages, so they must be non-empty and free of control
   * characters.
   */
  static void requireValidName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("tensor name is empty");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "tensor name '" + name.replaceAll("\\p{Cntrl}", "?") + "' holds control characters");
    }
  }

  /**
   * The number of values a shape holds.
   *
   * @throws IllegalArgumentException if a dimension is negative or the shape holds more values
   *     than a Java array can
   */
  static long elementCount(int[] shape) {
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      if (d == 0) {
        return 0;
      }
    }
    for (int d : shape) {
      if (count > MAX_ELEMENTS / d) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " holds more values than a Java array can");
      }
      count *= d;
    }
    return count;
  }

  public String name() {
    return name;
  }

  public ElementType type() {
    return type;
  }

  /** The dimensions, outermost first; a copy. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of values: the product of the dimensions. */
  public int size() {
    return floats != null ? floats.length : ints.length;
  }

  /**
   * A copy of the values of a float32 tensor.
   *
   * @throws IllegalStateException if this is not a float32 tensor
   */
  public float[] toFloatArray() {
    requireType(ElementType.FLOAT32);
    return floats.clone();
  }

  /**
   * A copy of the values of an int32 tensor.
   *
   * @throws IllegalStateException if this is not an int32 tensor
   */
  public int[] toIntArray() {
    requireType(ElementType.INT32);
    return ints.clone();
  }

  /** The float32 values themselves, for the writer; callers must not modify them. */
  float[] floatData() {
    return floats;
  }

  /** The int32 values themselves, for the writer; callers must not modify them. */
  int[] intData() {
    return ints;
  }

  /**
   * The float32 values themselves, handed over to a model being decoded from a freshly read archive
   * that is dropped afterwards: a large model's nodes and graph are then neither held twice nor
   * copied, which would double the memory and much of the time of loading it.
   */
  float[] takeFloats() {
    requireType(ElementType.FLOAT32);
    return floats;
  }

  /** The int32 values themselves, as {@link #takeFloats} hands over float32 ones. */
  int[] takeInts() {
    requireType(ElementType.INT32);
    return ints;
  }

  private void requireType(ElementType wanted) {
    if (type != wanted) {
      throw new IllegalStateException(
          "tensor '" + name + "' holds " + type + " values, not " + wanted);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && type == t.type
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(floats, t.floats)
        && Arrays.equals(ints, t.ints);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(name, type);
    h = 31 * h + Arrays.hashCode(shape);
    h = 31 * h + Arrays.hashCode(floats);
    return 31 * h + Arrays.hashCode(ints);
  }

  /** Name, type and shape; never the values, which may be millions. */
  @Override
  public String toString() {
    return "Tensor[" + name + " " + type + " " + Arrays.toString(shape) + "]";
  }
}
