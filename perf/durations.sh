#!/usr/bin/env bash
# Measures how long each agent variant runs on this machine, as a planned job runs it (one
# agent process per variant, `run --exact NAME`, full sizes, not --quick), at two iteration
# counts, and derives the constants of the planner's duration model (bench/durations.cc):
# per variant the fixed part (process start, probes, allocation, first touch) and the part
# per iteration, and from those the bandwidth of a STREAM pass and the rate of an HPL solve.
# Run it on a quiet machine (load < 1.5): the figures are durations, and a loaded machine
# makes every variant slower. docs/planning.md ("Durations") keeps the table it prints.
#
# Usage: [DURATIONS_VARIANTS="v1 v2"] perf/durations.sh [path/to/aws-benchmark-agent] [OUT.tsv]
#   OUT.tsv (default: a temporary file) keeps the raw runs: variant, iterations, wall
#   seconds of the process, the result's duration_seconds, status and sizing.
set -euo pipefail
cd "$(dirname "$0")/.."
agent="${1:-build/src/agent/aws-benchmark-agent}"
out="${2:-$(mktemp)}"
low="${DURATIONS_LOW_ITERATIONS:-2}"
high="${DURATIONS_HIGH_ITERATIONS:-10}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (quiet means < 1.5)" >&2
# DURATIONS_VARIANTS="a b": only these (default: every variant that applies here).
variants="${DURATIONS_VARIANTS:-$("$agent" list | awk 'NR > 1 && $4 == "yes" {print $1}')}"
printf 'variant\titerations\twall_s\tduration_s\tstatus\tsizing\n' >"$out"
for variant in $variants; do
  for iterations in "$low" "$high"; do
    start=$(date +%s.%N)
    "$agent" run --exact "$variant" --iterations "$iterations" --no-imds \
      --output "$work/result.json" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    python3 - "$work/result.json" "$variant" "$iterations" "$start" "$end" >>"$out" <<'PY'
import json, sys
path, variant, iterations, start, end = sys.argv[1:]
result = json.load(open(path))["benchmarks"][0]
p = result.get("parameters", {})
sizing = {k: v for k, v in p.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
print(f"{variant}\t{iterations}\t{float(end) - float(start):.3f}\t"
      f"{result['environment'].get('duration_seconds', 0):.3f}\t{result['status']}\t"
      f"{json.dumps(sizing, separators=(',', ':'))}")
PY
    echo "  $variant x$iterations done" >&2
  done
done

python3 - "$out" "$low" "$high" "$(nproc)" \
  "$(awk '/MemTotal/ {print $2 / 1048576}' /proc/meminfo)" <<'PY'
import json, sys
path, low, high, vcpus, gib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
runs = {}
for line in open(path).read().splitlines()[1:]:
    variant, iterations, wall, duration, status, sizing = line.split("\t")
    runs.setdefault(variant, {})[int(iterations)] = (float(wall), float(duration), status, json.loads(sizing))
print(f"# this machine: {vcpus} vCPUs, {gib:.1f} GiB; iterations {low} and {high}")
print("| variant | status | wall s (x%d) | setup s | per iteration s | sizing |" % high)
print("|---|---|---|---|---|---|")
for variant, by in runs.items():
    if low not in by or high not in by:
        continue
    (w_lo, _, _, _), (w_hi, _, status, sizing) = by[low], by[high]
    per_iteration = max((w_hi - w_lo) / (high - low), 0.0)
    setup = max(w_hi - high * per_iteration, 0.0)
    print(f"| {variant} | {status} | {w_hi:.1f} | {setup:.2f} | {per_iteration:.3f} | {json.dumps(sizing)} |")
PY
