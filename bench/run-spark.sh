#!/usr/bin/env bash
# Spark benchmark (issue 14): scores Friedman #1 rows (10 inputs) with 90% intervals through
# spark/run-local.sh (Spark local[2], in 2 and in 4 partitions) beside `precond predict` in one
# JVM, with the same model (fitted on 20,000 rows), and checks that the files are identical.
#
# Usage: bench/run-spark.sh [ROWS]   (default 1000000)
# Environment: SPARK_BENCH_DIR (work files, default /tmp/precond-spark-bench), SPARK_BENCH_FIT
# (fit options, default "--steps 1000"), SPARK_BENCH_LOCK (another lock file). Only the timed
# runs hold /tmp/precond-bench.lock, so that no other benchmark runs meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=${SPARK_BENCH_DIR:-/tmp/precond-spark-bench}
rows=${1:-1000000}
mkdir -p "$dir"
./mvnw -q -B -pl bench,cli,spark -am package -DskipTests
. bin/find-jdk.sh
precond_find_jdk
java=("$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector)
friedman=("${java[@]}" -cp bench/target/precond-bench.jar org.precond.bench.FriedmanData)
train=$dir/train.csv
data=$dir/rows-$rows.csv
model=$dir/model.pcm
[ -f "$train" ] || "${friedman[@]}" 20000 10 1 "$train"
[ -f "$data" ] || "${friedman[@]}" "$rows" 10 2 "$data"
[ -f "$model" ] || ./precond fit --data "$train" --model "$model" ${SPARK_BENCH_FIT:---steps 1000} 2>/dev/null
./spark/run-local.sh --help >/dev/null # builds the Spark jar, if needed, before the clock runs

exec 9> "${SPARK_BENCH_LOCK:-/tmp/precond-bench.lock}"
flock 9
echo "commit $(git rev-parse --short HEAD), $(nproc) processors, $(date -u '+%F %H:%M UTC')," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(printf "%'d" "$rows") rows x 10 inputs, 90% intervals; wall time, JVM start included"
/usr/bin/time -f "%e" -o "$dir/predict.time" \
  ./precond predict --model "$model" --data "$data" --interval 0.9 --out "$dir/predict.csv" \
  2>/dev/null
echo "precond predict (one JVM, every processor): $(cat "$dir/predict.time") s"
for partitions in 2 4; do
  /usr/bin/time -f "%e" -o "$dir/spark.time" \
    ./spark/run-local.sh --model "$model" --data "$data" --interval 0.9 \
    --partitions "$partitions" --out "$dir/spark.csv" 2>/dev/null
  if cmp -s "$dir/predict.csv" "$dir/spark.csv"; then same="identical files"; else same="FILES DIFFER"; fi
  echo "run-local.sh, local[2], $partitions partitions: $(cat "$dir/spark.time") s ($same)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
