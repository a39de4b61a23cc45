#!/usr/bin/env bash
# Scale benchmark (issue 13): Friedman #1 tables with 10 and 20 inputs, fitted with the defaults.
# Per table: fit wall time and peak memory; predict of 10,000 rows and of 1 row (wall, JVM start
# included, median of 5); RMSE and 90% interval coverage on 100,000 fresh rows. On the first
# table also the same model searching exactly (RMSE and coverage on the first 10,000 fresh rows)
# and HNSW against exact search in the first network's 32-dimensional embedding of its rows.
#
# Usage: bench/run-scale.sh [ROWS...]   (default 1000000; e.g. 1000000 5000000: the 5M tables take
# 0.6 and 1.1 GB of disk and their models up to 2.7 GB; the 5M × 20 fit peaks at 11.2 GB resident,
# within the heap bin/heap.sh gives on a machine of 16 GB or more)
# Environment: SCALE_DIR (work files, default /tmp/precond-scale), SCALE_INPUTS (default "10 20"),
# SCALE_EXACT=0 to skip the exact comparison, SCALE_HNSW=0 to skip the search benchmark; for a
# dry run of the script, SCALE_FIT (extra fit options, e.g. "--steps 100") and SCALE_LOCK (another lock file).
# The whole run holds /tmp/precond-bench.lock, so that no other benchmark runs meanwhile; it runs
# copies of the jars, so that sources may change while it runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=${SCALE_DIR:-/tmp/precond-scale}
mkdir -p "$dir"
rows_list=("${@:-1000000}")
./mvnw -q -B -pl bench,cli -am package -DskipTests
cp cli/target/precond.jar bench/target/precond-bench.jar "$dir/"
. bin/find-jdk.sh
. bin/start-cache.sh
precond_find_jdk
java=("$PRECOND_JAVA_HOME/bin/java" --add-modules jdk.incubator.vector)
bench=(-cp "$dir/precond-bench.jar")
# As ./precond runs it: with the start-up cache and three quarters of the memory for the heap
# (bin/heap.sh; the JVM's default quarter is too little for 5,000,000 rows), or PRECOND_JAVA_OPTS.
mapfile -t cache < <(precond_start_cache_options "$dir/precond.jar")
mapfile -t jvm < <(precond_heap_options)
read -r -a given <<< "${PRECOND_JAVA_OPTS:-}"
jvm+=("${given[@]}")
precond=("$PRECOND_JAVA_HOME/bin/java" "${cache[@]}" "${jvm[@]}" --add-modules jdk.incubator.vector
  -jar "$dir/precond.jar")
exec 9> "${SCALE_LOCK:-/tmp/precond-bench.lock}"
flock 9
echo "commit $(git rev-parse --short HEAD), $(nproc) processors, $(date -u '+%F %H:%M UTC'), heap" \
  "$("$PRECOND_JAVA_HOME/bin/java" "${jvm[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null |
    awk '$2 == "MaxHeapSize" { printf "%.1f GB", $4 / 1073741824 }')"

# A Friedman #1 table: rows, inputs, seed, file; written beside the file and then renamed, so that
# an interrupted run leaves no short table for the next one to take as complete.
generate() {
  "${java[@]}" "${bench[@]}" org.precond.bench.FriedmanData "$1" "$2" "$3" "$4.tmp"
  mv "$4.tmp" "$4"
}

# "wall seconds, peak GB" from a /usr/bin/time -v log.
usage() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                 for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { m = $2 / 1048576 }
              END { printf "%.1f s, %.2f GB", s, m }' "$1"
}

# Median wall seconds of five runs of a command.
median5() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 3p
}

# RMSE of column 1 of $2 against the last column of $1, and the share of rows whose target lies
# between columns 2 and 3 of $2 (the interval), both files with a header row.
score() {
  paste -d, <(tail -n +2 "$1" | awk -F, '{ print $NF }') <(tail -n +2 "$2") |
    awk -F, '{ d = $2 - $1; s += d * d; if (NF >= 4) c += ($3 <= $1 && $1 <= $4); n++ }
             END { printf "RMSE %.4f", sqrt(s / n); if (c) printf ", coverage %.4f", c / n;
                   printf " on %d rows", n }'
}

first=1
for rows in "${rows_list[@]}"; do
  for inputs in ${SCALE_INPUTS:-10 20}; do
    name=f$inputs-$rows
    train=$dir/$name.csv
    fresh=$dir/f$inputs-fresh.csv
    model=$dir/$name.pcm
    [ -f "$train" ] || generate "$rows" "$inputs" 1 "$train"
    [ -f "$fresh" ] || generate 100000 "$inputs" 2 "$fresh"
    head -10001 "$fresh" > "$dir/f$inputs-10k.csv"
    head -2 "$fresh" > "$dir/f$inputs-1.csv"
    echo "== $rows rows x $inputs inputs (Friedman #1), fit with the defaults"
    /usr/bin/time -v "${precond[@]}" fit --data "$train" --model "$model" ${SCALE_FIT:-} \
      2> "$dir/$name.fit.log"
    grep -E "done in|^network" "$dir/$name.fit.log" || true
    echo "fit: $(usage "$dir/$name.fit.log")"
    /usr/bin/time -v "${precond[@]}" predict --model "$model" --data "$dir/f$inputs-10k.csv" \
      --out "$dir/$name.p10k.csv" 2> "$dir/$name.p10k.log"
    echo "predict 10,000 rows: $(usage "$dir/$name.p10k.log")"
    echo "predict 10,000 rows, median of 5: $(median5 "${precond[@]}" predict --model "$model" \
      --data "$dir/f$inputs-10k.csv" --out -) s"
    echo "predict 1 row, median of 5: $(median5 "${precond[@]}" predict --model "$model" \
      --data "$dir/f$inputs-1.csv" --out -) s"
    "${precond[@]}" predict --model "$model" --data "$fresh" --interval 0.9 --out "$dir/$name.fresh.csv"
    echo "fresh rows: $(score "$fresh" "$dir/$name.fresh.csv")"
    if [ $first = 1 ] && [ "${SCALE_EXACT:-1}" = 1 ]; then
      echo "-- the same model searching exactly (the predictor refitted), first 10,000 fresh rows"
      "${java[@]}" -Xmx12g "${bench[@]}" org.precond.bench.ExactAgainstHnsw "$model" "$fresh" \
        10000 2>/dev/null
    fi
    if [ $first = 1 ] && [ "${SCALE_HNSW:-1}" = 1 ]; then
      echo "-- HNSW against exact search, 32-d embedding of the first network"
      "${java[@]}" -Xmx12g "${bench[@]}" org.precond.bench.HnswBenchmark \
        "$((rows - 10000))" 10000 2 32 "$model" "$train" 2>/dev/null
    fi
    first=0
  done
done
