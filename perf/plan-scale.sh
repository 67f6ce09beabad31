#!/usr/bin/env bash
# Planner at scale: every type of the embedded catalog x every benchmark x six regions x
# 28 days, with caps high enough that most jobs fit. Prints wall time and peak memory of
# the whole command (catalog load, planning, JSON writing). Target: < 1 s, < 300 MB.
# Usage: perf/plan-scale.sh [path/to/aws-benchmark-collector]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/src/cli/aws-benchmark-collector}"
families=$("$bin" catalog list | awk 'NR>2 && NF>1 {split($1,a,"."); print a[1]}' | sort -u | paste -sd,)
sizes=large,xlarge,2xlarge,3xlarge,4xlarge,6xlarge,8xlarge,9xlarge,12xlarge,16xlarge,18xlarge,24xlarge,32xlarge,48xlarge,metal,metal-16xl,metal-24xl,metal-32xl,metal-48xl
variants=stream,hpl,micro
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(schedule plan --instance-families "$families" --sizes "$sizes" --benchmarks "$variants"
      --region us-east-1,us-east-2,us-west-2,eu-west-1,eu-central-1,ap-northeast-1
      --days 28 --max-daily-jobs 2000 --max-concurrent 200 --start 2026-12-07
      --vcpu-quota standard:on-demand=100000 --vcpu-quota standard:spot=100000
      --output "$out/plan.json" --format json)
"$bin" "${args[@]}" >/dev/null  # warm the page cache
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" "${args[@]}" >/dev/null
  read -r seconds kib <"$out/time"
  echo "run $run: ${seconds} s, peak RSS $((kib / 1024)) MB"
done
python3 - "$out/plan.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"jobs total {s['jobs_total']}, scheduled {s['jobs_scheduled']}, sessions {s['sessions']}")
PY
