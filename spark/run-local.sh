#!/usr/bin/env bash
# Scores a CSV file through Apache Spark in local mode (two cores in this JVM) with a precond model
# file, writing the columns `precond predict` writes: see --help. Builds the Spark module's
# application jar when it is missing or older than the sources, then runs it on Spark's jars from
# the local Maven repository with the JVM options Spark's own launcher gives.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-jdk.sh"
precond_find_jdk || exit 1

jar=$root/spark/target/precond-spark-app.jar
classpath=$root/spark/target/spark-classpath.txt
sources=("$root/pom.xml")
for module in core spark; do
  sources+=("$root/$module/pom.xml" "$root/$module/src/main")
done
if [ ! -f "$jar" ] || [ ! -f "$classpath" ] \
    || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "run-local.sh: the Spark jar needs building and Maven (mvn) is not on the PATH" >&2
    exit 1
  fi
  echo "run-local.sh: building the Spark jar (once, or after a source change)..." >&2
  log=$(mktemp)
  if ! JAVA_HOME=$PRECOND_JAVA_HOME mvn -q -B -f "$root/pom.xml" -pl spark -am -DskipTests package >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "run-local.sh: build failed" >&2
    exit 1
  fi
  rm -f "$log"
fi
# Local mode: the driver on the loopback address, which Spark otherwise warns about.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# The JVM options of the module's tests (spark.jvm in spark/pom.xml): one list for both.
read -r -a spark_jvm <<< "$(sed -n 's:.*<spark.jvm>\(.*\)</spark.jvm>.*:\1:p' "$root/spark/pom.xml")"
exec "$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector "${spark_jvm[@]}" \
  -Dlog4j2.configurationFile="$root/spark/log4j2-local.properties" ${PRECOND_JAVA_OPTS:-} \
  -cp "$jar:$(cat "$classpath")" org.precond.spark.Main "$@"
