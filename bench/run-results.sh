#!/usr/bin/env bash
# Regenerates docs/METHODS.md (installs Debian's python3-sklearn for the baseline if needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  echo "installing python3-sklearn (Debian) for the baseline..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn >/dev/null
fi
./mvnw -q -B -pl bench -am package -DskipTests
. bin/find-jdk.sh && precond_find_jdk
exec "$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx8g \
  -cp bench/target/precond-bench.jar org.precond.bench.ResultsBenchmark "$@"
