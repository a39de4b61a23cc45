package org.precond.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM: the Vector API ones when the incubator module is readable,
 * plain Java otherwise, with one log line saying which (as Lucene's VectorizationProvider does).
 * {@code -Dprecond.kernels=scalar} forces the reference implementation.
 */
final class KernelProvider {

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  static final Kernels INSTANCE = choose();

  private KernelProvider() {}

  private static Kernels choose() {
    System.Logger log = System.getLogger(Kernels.class.getName());
    if ("scalar".equals(System.getProperty("precond.kernels"))) {
      log.log(Level.INFO, "precond: plain-Java kernels (forced by -Dprecond.kernels=scalar)");
      return new ScalarKernels();
    }
    boolean readable =
        ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
            && KernelProvider.class.getModule().canRead(
                ModuleLayer.boot().findModule(VECTOR_MODULE).get());
    if (!readable) {
      log.log(
          Level.WARNING,
          "precond: plain-Java kernels; for the SIMD ones start Java with --add-modules "
              + VECTOR_MODULE);
      return new ScalarKernels();
    }
    try {
      // Loaded reflectively so that this class never links against the incubator module.
      Kernels k =
          (Kernels)
              Class.forName("org.precond.kernel.PanamaKernels")
                  .getDeclaredConstructor()
                  .newInstance();
      log.log(Level.INFO, "precond: Vector API kernels ({0})", k.name());
      return k;
    } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
      log.log(Level.WARNING, "precond: plain-Java kernels; the Vector API failed to load: " + e);
      return new ScalarKernels();
    }
  }
}
