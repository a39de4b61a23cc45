# The Java heap for the command-line jar, sourced by ./precond and the benchmarks. The JVM's own
# default is a quarter of the machine's memory, too little for a fit of several million rows; a
# user's limit in PRECOND_JAVA_OPTS (-Xmx, -XX:MaxHeapSize, -XX:MaxRAMPercentage, -XX:MaxRAM)
# always wins.

# Prints the JVM options that set the heap's limit, one a line: none when PRECOND_JAVA_OPTS sets
# one, else three quarters of the machine's memory (what is left serves the JVM's own memory, the
# file cache and the rest of the machine).
precond_heap_options() {
  case " ${PRECOND_JAVA_OPTS:-} " in
    *" -Xmx"* | *"-XX:MaxHeapSize="* | *"-XX:MaxRAMPercentage="* | *"-XX:MaxRAM="*) ;;
    *) echo "-XX:MaxRAMPercentage=75" ;;
  esac
}
