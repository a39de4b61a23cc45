/**
 * precond's library: read a table, fit a {@link org.precond.model.Regressor}, and predict,
 * embed, explain, save and load with the {@link org.precond.model.PrecondModel} it makes.
 *
 * <p>The exported packages are the public API. The SIMD and plain-Java kernels, neighbour
 * search, the worker pool and the model file codec are internal: they change without notice.
 */
module org.precond.core {
  // Optional: without the incubator module the plain-Java kernels serve.
  requires static jdk.incubator.vector;
  requires com.fasterxml.jackson.databind;
  requires de.siegmar.fastcsv;
  requires ejml.core;
  requires ejml.ddense;
  requires org.apache.commons.statistics.distribution;
  requires org.apache.lucene.core;

  exports org.precond;
  exports org.precond.conformal;
  exports org.precond.data;
  exports org.precond.evaluate;
  exports org.precond.interpolate;
  exports org.precond.linear;
  exports org.precond.metrics;
  exports org.precond.model;
  exports org.precond.nn;
  exports org.precond.prep;
  exports org.precond.space;
  exports org.precond.synthetic;
  exports org.precond.train;
}
