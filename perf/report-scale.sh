#!/usr/bin/env bash
# `report --format html` over 10,000 results. Target: < 2 s wall (docs/report.md). Measure
# on a quiet machine: nothing else compiling or benchmarking.
# The journal is SYNTHETIC (perf/report_journal.py copies a real --local-quick campaign's
# rows under many type names): for timing only, never as data.
# Usage: perf/report-scale.sh [path/to/aws-benchmark-collector] [results]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/src/cli/aws-benchmark-collector}"
results="${2:-10000}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" schedule weekly --instance-families m7i --sizes large --days 1 \
  --benchmarks stream,hpl,micro --backend local --local-quick --state "$out/source.db" >/dev/null
python3 perf/report_journal.py "$out/source.db" "$out/large.db" --results "$results"
"$bin" report --state "$out/large.db" --format html --output "$out/r.html"  # warm the cache
for run in 1 2 3; do
  /usr/bin/time -f "%e %M %U" -o "$out/time" \
    "$bin" report --state "$out/large.db" --format html --output "$out/r.html"
  read -r seconds kib user <"$out/time"
  echo "run $run: ${seconds} s wall, ${user} s user CPU, peak RSS $((kib / 1024)) MB," \
       "page $(($(stat -c %s "$out/r.html") / 1024 / 1024)) MB"
done
