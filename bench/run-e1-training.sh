#!/usr/bin/env bash
# E1 training time, precond against PyTorch side by side (installs Debian's python3-torch if needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "installing python3-torch (Debian) for the reference run..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
./mvnw -q -B -pl bench -am package -DskipTests
. bin/find-jdk.sh && precond_find_jdk
exec "$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
  -cp bench/target/precond-bench.jar org.precond.bench.E1TrainingBenchmark "$@"
