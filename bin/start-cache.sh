# A start-up cache for the command-line jar, sourced by ./precond and the benchmarks: the classes a
# run loads, already parsed and linked, and on JDK 25 or newer also the methods' profiles, so that
# a short command such as predicting one row does not spend most of its time starting up. It is
# made once per build of the jar by a training run (the small E2 demo), and only speeds things up:
# a JVM that cannot use it runs as before.

. "$(dirname "${BASH_SOURCE[0]}")/heap.sh"

# Prints the JVM options that use the cache of jar $1 with the JDK in $PRECOND_JAVA_HOME, making
# the cache first when it is missing or older than the jar. Prints nothing if it cannot be made.
# The cache is made with the heap that runs get by default (heap.sh): a JVM whose heap is too
# large for compressed pointers (over 32 GB) cannot use a cache made with them, nor the reverse.
precond_start_cache_options() {
  local jar=$1 feature cache use make quiet heap
  feature=$(precond_jdk_feature "$PRECOND_JAVA_HOME")
  # Logging off: a cache that does not match (another JDK, a moved jar) is only a slower start.
  if [ "${feature:-0}" -ge 25 ]; then
    cache=${jar%.jar}.aot use=-XX:AOTCache make=-XX:AOTCacheOutput
    quiet=(-Xlog:aot=off -Xlog:cds=off)
  else
    cache=${jar%.jar}.jsa use=-XX:SharedArchiveFile make=-XX:ArchiveClassesAtExit
    quiet=(-Xlog:cds=off)
  fi
  if [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ]; then
    echo "precond: preparing the start-up cache (once per build)..." >&2
    local work tmp=$cache.$$.tmp
    work=$(mktemp -d)
    mapfile -t heap < <(precond_heap_options)
    if "$PRECOND_JAVA_HOME/bin/java" "$make=$tmp" "${quiet[@]}" "${heap[@]}" \
        --add-modules jdk.incubator.vector -jar "$jar" demo --exp e2 --out "$work" \
        >/dev/null 2>&1 && [ -s "$tmp" ]; then
      mv -f "$tmp" "$cache"
    else
      rm -f "$tmp"
    fi
    rm -rf "$work"
  fi
  [ -f "$cache" ] && printf '%s\n' "$use=$cache" "${quiet[@]}"
  return 0
}
