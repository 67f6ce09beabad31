#!/usr/bin/env bash
# The plan's duration estimate for this machine's shape beside the agent's measured run of
# every variant (one process per variant, full sizes, 10 iterations, as a planned job runs
# it), with the ratio estimate / measured. Target: every ratio within 0.75-1.25 (issue 12).
# Run it on a quiet machine (load < 1.5).
#
# Usage: perf/durations-compare.sh [RUNS.tsv]
#   RUNS.tsv: the raw runs perf/durations.sh wrote (its second argument); without it the
#   variants are run now (perf/durations.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
agent=build/src/agent/aws-benchmark-agent
estimates=build/perf/duration_estimates
runs="${1:-}"
if [[ -z "$runs" ]]; then
  runs=$(mktemp)
  perf/durations.sh "$agent" "$runs" >/dev/null
fi
vcpus=$(nproc)
gib=$(awk '/MemTotal/ {print $2 / 1048576}' /proc/meminfo)
"$estimates" "$vcpus" "$gib" 10 >"$runs.estimates"
python3 - "$runs" "$runs.estimates" "$vcpus" "$gib" <<'PY'
import sys
runs_path, estimates_path, vcpus, gib = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
estimates = dict(line.split("\t") for line in open(estimates_path).read().splitlines())
print(f"# this machine: {vcpus} vCPUs, {gib:.1f} GiB; 10 iterations")
print("| variant | estimate s | measured s | estimate / measured | within 25% |")
print("|---|---|---|---|---|")
worst = 0.0
for line in open(runs_path).read().splitlines()[1:]:
    variant, iterations, wall, _, status, _ = line.split("\t")
    if iterations != "10" or status != "ok":
        continue
    estimate, measured = float(estimates[variant]), float(wall)
    ratio = estimate / measured
    worst = max(worst, abs(ratio - 1))
    print(f"| {variant} | {estimate:.1f} | {measured:.1f} | {ratio:.2f} | {'yes' if abs(ratio - 1) <= 0.25 else 'NO'} |")
print(f"# largest deviation: {worst * 100:.0f}%")
PY
