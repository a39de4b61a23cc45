/** The README's Java examples, compiled against the library's exported packages only. */
module org.precond.examples {
  requires org.precond.core;

  exports org.precond.examples;
}
