package org.precond.interpolate;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.precond.concurrent.Workers;
import org.precond.neighbors.Neighbors;

/**
 * What a method precomputes per training node from the node's nearest other nodes: the radius
 * within which it reaches queries (modified and linear Shepard), and the gradient of its local
 * linear function (linear Shepard).
 *
 * @param radii per node, or null
 * @param gradients per node {@code dimension × outputs}, row-major, or null
 */
record NodeData(float[] radii, float[] gradients) {

  static final NodeData NONE = new NodeData(null, null);

  /**
   * Directions of a node's neighbourhood whose spread is below this share of the largest carry no
   * slope. In an embedding the nodes lie near a low-dimensional manifold; fitting slopes along its
   * thin directions fits noise, which on E1 once raised the maximum error in the weighted space
   * from 0.39 to 1.7. Truncating, unlike a ridge, leaves exact linear functions exact.
   */
  private static final double CUTOFF = 1e-3;

  /** Whether {@code method} precomputes anything per node. */
  static boolean neededBy(Method method) {
    return method == Method.MODIFIED_SHEPARD || method == Method.LINEAR_SHEPARD;
  }

  static NodeData compute(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      Neighbors training,
      Workers workers) {
    Method method = spec.method();
    if (!neededBy(method)) {
      return NONE;
    }
    int n = training.queries();
    int k = spec.k();
    float[] radii = new float[n];
    float[] gradients =
        method == Method.LINEAR_SHEPARD ? new float[n * dimension * outputs] : null;
    workers.forEach(
        n,
        (worker, i) -> {
          radii[i] = radius(training, i, k);
          if (gradients != null) {
            gradient(points, dimension, values, outputs, training, i, k, gradients);
          }
        });
    return new NodeData(radii, gradients);
  }

  /**
   * The distance to the (k+1)-th nearest other node, so that k nodes lie within; a little beyond
   * the farthest one when fewer are known.
   */
  private static float radius(Neighbors training, int i, int k) {
    return k < training.k()
        ? training.distance(i, k)
        : training.distance(i, training.k() - 1) * 1.01f;
  }

  /**
   * Replaces {@code rhs} by {@code G⁺ rhs}, the pseudo-inverse of the symmetric {@code gram}
   * (lower triangle filled) restricted to its eigen-directions above {@link #CUTOFF} of the largest
   * eigenvalue.
   */
  private static void solveTruncated(double[] gram, int d, double[] rhs, int m) {
    DMatrixRMaj g = new DMatrixRMaj(d, d);
    for (int c = 0; c < d; c++) {
      for (int e = 0; e <= c; e++) {
        g.set(c, e, gram[c * d + e]);
        g.set(e, c, gram[c * d + e]);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(g)) {
      java.util.Arrays.fill(rhs, 0);
      return;
    }
    double largest = 0;
    for (int i = 0; i < d; i++) {
      largest = Math.max(largest, eig.getEigenvalue(i).getReal());
    }
    double[] solution = new double[d * m];
    for (int i = 0; i < d; i++) {
      double lambda = eig.getEigenvalue(i).getReal();
      if (!(lambda > CUTOFF * largest) || largest <= 0) {
        continue;
      }
      DMatrixRMaj v = eig.getEigenVector(i);
      for (int o = 0; o < m; o++) {
        double projection = 0;
        for (int c = 0; c < d; c++) {
          projection += v.get(c) * rhs[c * m + o];
        }
        projection /= lambda;
        for (int c = 0; c < d; c++) {
          solution[c * m + o] += projection * v.get(c);
        }
      }
    }
    System.arraycopy(solution, 0, rhs, 0, d * m);
  }

  /**
   * The gradient g minimising {@code Σ_j w_j (v_j − v_i − gᵀ(p_j − p_i))²} over the k nearest
   * other nodes, {@code w_j = 1/d_j²}, by truncated pseudo-inverse; duplicates (d = 0) carry no
   * slope.
   */
  private static void gradient(
      float[] points,
      int d,
      float[] values,
      int m,
      Neighbors training,
      int i,
      int k,
      float[] out) {
    double[] gram = new double[d * d];
    double[] rhs = new double[d * m];
    double[] a = new double[d];
    int used = Math.min(k, training.k());
    for (int r = 0; r < used; r++) {
      float dist = training.distance(i, r);
      if (dist == 0) {
        continue;
      }
      int j = training.index(i, r);
      double w = 1.0 / ((double) dist * dist);
      for (int c = 0; c < d; c++) {
        a[c] = points[j * d + c] - points[i * d + c];
      }
      for (int c = 0; c < d; c++) {
        double wa = w * a[c];
        for (int e = 0; e <= c; e++) {
          gram[c * d + e] += wa * a[e];
        }
        for (int o = 0; o < m; o++) {
          rhs[c * m + o] += wa * (values[j * m + o] - values[i * m + o]);
        }
      }
    }
    solveTruncated(gram, d, rhs, m);
    for (int x = 0; x < d * m; x++) {
      out[i * d * m + x] = (float) rhs[x];
    }
  }
}
