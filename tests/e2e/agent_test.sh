#!/usr/bin/env bash
# End-to-end checks of the benchmark agent as a user runs it: the controller's
# `bench run --quick` over every variant (under 60 s), the agent executable, and
# `results validate` on good and broken documents.
# Usage: agent_test.sh AGENT_BINARY CONTROLLER_BINARY
set -u
agent="$1"
controller="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
expect_status() {  # expect_status NAME EXPECTED COMMAND...
  local name="$1" expected="$2"; shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  [ "$status" -eq "$expected" ] || { fail "$name: exit $status, expected $expected"; cat "$work/err"; }
}

start=$(date +%s)
expect_status "bench run --quick" 0 "$controller" bench run --quick --no-imds --output "$work/all.json"
elapsed=$(( $(date +%s) - start ))
[ "$elapsed" -lt 60 ] || fail "bench run --quick took ${elapsed}s (limit 60 s)"
echo "bench run --quick: ${elapsed}s"
cat "$work/err"
expect_status "results validate (ours)" 0 "$controller" results validate "$work/all.json"
python3 - "$work/all.json" <<'PY' || fail "quick result content"
import json, sys
d = json.load(open(sys.argv[1]))
names = [b["name"] for b in d["benchmarks"]]
assert "stream" in names and "stream-numa" in names, names
for b in d["benchmarks"]:
    assert b["status"] in ("ok", "skipped"), (b["name"], b["status"], b.get("reason"))
    if b["status"] == "skipped":
        assert b["reason"], b["name"]
    for m in b["metrics"]:
        assert len(m["samples"]) == 3, (b["name"], m["name"])
triad = [m for b in d["benchmarks"] if b["name"] == "stream" for m in b["metrics"] if m["name"] == "triad"][0]
assert 0.5 < triad["statistics"]["best"] < 2000, triad["statistics"]
assert d["sysinfo"]["instance"]["status"] == "skipped"
# micro-ipc gives a figure with or without counters, and says which way.
ipc = [b for b in d["benchmarks"] if b["name"] == "micro-ipc"][0]
assert ipc["status"] == "ok", ipc.get("reason")
assert ipc["parameters"]["method"] in ("counters", "derived"), ipc["parameters"]
PY

expect_status "agent run --exact stream" 0 "$agent" run --exact stream --quick --iterations 2 --no-imds --job-id j-1 --market spot --output "$work/one.json"
expect_status "agent validate" 0 "$agent" validate "$work/one.json"
grep -q '"job_id": "j-1"' "$work/one.json" || fail "job id not recorded"
python3 -c 'import json,sys; n=[b["name"] for b in json.load(open(sys.argv[1]))["benchmarks"]]; assert n == ["stream"], n' "$work/one.json" \
  || fail "--exact stream did not run the base variant alone"
# With OMP_PROC_BIND set, libgomp pins the main thread before main() runs; the agent must
# still spread STREAM's threads over every CPU it was given, not stack them on one.
OMP_PROC_BIND=true expect_status "stream under OMP_PROC_BIND" 0 "$agent" run --exact stream --quick --iterations 2 --no-imds --output "$work/bound.json"
python3 - "$work/bound.json" "$(nproc)" <<'PY' || fail "OMP_PROC_BIND: threads not spread over the CPUs"
import json, re, sys
d = json.load(open(sys.argv[1]))
p = d["benchmarks"][0]["parameters"]
cpus = re.search(r"\[([0-9,]*)\]", p["binding"]).group(1).split(",")
assert len(set(cpus)) == min(int(sys.argv[2]), p["threads"]), p["binding"]
assert p["pages"]["huge_page_bytes"] >= -1, p["pages"]
PY
expect_status "exact takes no family" 2 "$agent" run --exact micro
grep -q -- "--exact takes variant names only" "$work/err" || fail "--exact family message"

python3 - "$work/one.json" "$work/broken.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["benchmarks"][0]["metrics"][0]["samples"] = []
json.dump(d, open(sys.argv[2], "w"))
PY
expect_status "validate broken" 2 "$controller" results validate "$work/broken.json"
grep -q "benchmarks\[0\].metrics\[0\].samples" "$work/err" || fail "validate error does not name the field"
echo '{"schema": ' > "$work/truncated.json"
expect_status "validate truncated" 2 "$agent" validate "$work/truncated.json"
expect_status "validate missing file" 2 "$agent" validate "$work/nope.json"
expect_status "bad flag" 2 "$controller" bench run --iterations 0
grep -q -- "--iterations: expected a whole number" "$work/err" || fail "bad flag message"
expect_status "unknown variant" 2 "$agent" run strem
grep -q "did you mean 'stream'" "$work/err" || fail "unknown variant hint"
expect_status "unwritable output" 2 "$agent" run stream --output /nonexistent-dir/x.json
expect_status "agent list" 0 "$agent" list
grep -q "stream-numa" "$work/out" || fail "list lacks stream-numa"

# A full-size run's measured duration corrects the plan's estimate of its variant
# (`schedule plan --durations`, docs/planning.md "Learned corrections"); the other variant
# keeps the model's estimate, and both say so in the plan and its table.
expect_status "hpl-branch for durations" 0 "$agent" run --exact hpl-branch --iterations 2 \
  --no-imds --output "$work/durations.json"
plan_args=(schedule plan --start 2026-12-07 --instance-types m7i.large
           --benchmarks hpl-branch,micro-ipc)
expect_status "plan with durations" 0 "$controller" "${plan_args[@]}" \
  --durations "$work/durations.json" --output "$work/measured-plan.json"
grep -q "measured:$work/durations.json" "$work/out" || fail "plan table lacks the measured estimate"
expect_status "plan without durations" 0 "$controller" "${plan_args[@]}" \
  --output "$work/model-plan.json"
python3 - "$work/measured-plan.json" "$work/model-plan.json" "$work/durations.json" <<'PY' \
  || fail "plan estimates with --durations"
import json, sys
measured, model, source = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
jobs = {j["benchmark"]: j for j in measured["jobs"]}
assert jobs["hpl-branch"]["estimate"] == "measured:" + source, jobs["hpl-branch"]
assert jobs["micro-ipc"]["estimate"] == "model", jobs["micro-ipc"]
assert all(j["estimate"] == "model" for j in model["jobs"])
assert measured["spec"]["duration_corrections"]["hpl-branch"]["runs"] == 1
assert "duration_corrections" not in model["spec"]
PY

echo "agent e2e: $failures failure(s)"
exit $((failures > 0))
