#!/usr/bin/env bash
# End-to-end checks of the CLI surface: exit codes and messages as a user sees them.
set -u
bin="$1"
failures=0
# Each run gets its own folder: fixed /tmp names would clash between parallel runs and could
# be planted by another user.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
check() {  # check NAME EXPECTED_STATUS COMMAND...
  local name="$1" expected="$2"; shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; cat "$scratch/err"; failures=$((failures + 1))
  fi
}
check "version" 0 "$bin" --version
check "help" 0 "$bin" --help
check "unknown command" 2 "$bin" shedule plan
grep -q "did you mean 'schedule plan'" "$scratch/err" || { echo "FAIL did-you-mean hint"; failures=$((failures + 1)); }

# Plans are deterministic: the same inputs give a byte-identical file, and --format json
# prints exactly what --output writes.
work=$(mktemp -d)
args=(schedule plan --start 2026-12-07T00:00-05:00 --region us-east-1,eu-west-1 --days 3 --seed 7)
"$bin" "${args[@]}" --output "$work/a.json" >/dev/null && "$bin" "${args[@]}" --output "$work/b.json" >/dev/null
cmp -s "$work/a.json" "$work/b.json" || { echo "FAIL plan files differ"; failures=$((failures + 1)); }
"$bin" "${args[@]}" --format json >"$work/c.json"
cmp -s "$work/a.json" "$work/c.json" || { echo "FAIL --format json differs from --output"; failures=$((failures + 1)); }
check "catalog show" 0 "$bin" catalog show c7g.large
grep -q "Neoverse V1" "$scratch/out" || { echo "FAIL catalog show lacks the microarchitecture"; failures=$((failures + 1)); }
# c5a.2xlarge in eu-south-1 is derived (its zone rows straddle two readings: docs/catalog.md).
check "catalog show cites" 0 "$bin" catalog show c5a.2xlarge
grep -q "eu-south-1 *0.3640  derived from skypilot-vms-27f67dd (2026-12-06); rule: linear in vCPUs from c5a.xlarge" "$scratch/out" &&
  grep -q "us-east-1 *0.3080  copied from karpenter-pricing (2026-07-20)" "$scratch/out" &&
  grep -q "processor .*7R32.*\[x86-evidence" "$scratch/out" ||
  { echo "FAIL catalog show does not cite each fact and label each price"; failures=$((failures + 1)); }
check "catalog show cites a family's own source" 0 "$bin" catalog show c8gn.large
grep -q "processor .*AWS Graviton4.*\[family-evidence-s6 (2026-12-06)\]" "$scratch/out" ||
  { echo "FAIL catalog show does not cite family-evidence-s6 for c8gn"; failures=$((failures + 1)); }
check "catalog list sources" 0 "$bin" catalog list --family c5
grep -q "snapshot 2026-12-06" "$scratch/out" && grep -q "^  skypilot-vms (2026-11-29): " "$scratch/out" ||
  { echo "FAIL catalog list lacks the snapshot date or its sources"; failures=$((failures + 1)); }
check "catalog show unknown" 2 "$bin" catalog show m7i.lrge
rm -rf "$work"
exit $((failures > 0))
