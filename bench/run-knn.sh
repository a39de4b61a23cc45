#!/usr/bin/env bash
# Builds the bench jar and times exact k-NN, precond against scikit-learn, in one run.
# Arguments, all optional: points queries dimension k threads repetitions (see KnnBenchmark).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -pl bench -am package -DskipTests
. bin/find-jdk.sh
precond_find_jdk
exec "$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
  -cp bench/target/precond-bench.jar org.precond.bench.KnnBenchmark "$@"
