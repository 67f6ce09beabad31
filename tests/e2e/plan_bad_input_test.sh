#!/usr/bin/env bash
# Bad input to `schedule plan`: exactly one line on stderr that names the flag and what is
# accepted, exit status 2, nothing on stdout, and no output file written.
set -u
bin="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect_bad() {  # expect_bad NAME PATTERN ARGS...
  local name="$1" pattern="$2"; shift 2
  local out="$work/plan.json"
  rm -f "$out"
  "$bin" schedule plan --start 2026-12-07 --output "$out" "$@" >"$work/stdout" 2>"$work/stderr"
  local status=$?
  local lines
  lines=$(wc -l <"$work/stderr")
  if [ "$status" -ne 2 ]; then
    echo "FAIL $name: exit $status, expected 2"; failures=$((failures + 1))
  elif [ "$lines" -ne 1 ]; then
    echo "FAIL $name: $lines lines on stderr, expected 1:"; cat "$work/stderr"; failures=$((failures + 1))
  elif ! grep -qE -- "$pattern" "$work/stderr"; then
    echo "FAIL $name: stderr does not match '$pattern':"; cat "$work/stderr"; failures=$((failures + 1))
  elif [ -s "$work/stdout" ]; then
    echo "FAIL $name: wrote to stdout"; failures=$((failures + 1))
  elif [ -e "$out" ] || ls "$work" | grep -q 'plan.json.tmp'; then
    echo "FAIL $name: an output file was written"; failures=$((failures + 1))
  fi
}

expect_bad "unknown type" "--instance-types: unknown instance type 'm7i.lrge'.*did you mean 'm7i.large'" --instance-types m7i.lrge
expect_bad "malformed type" "--instance-types: invalid instance type 'm7i'" --instance-types m7i
expect_bad "unknown family" "--instance-families: unknown instance family 'm7x'" --instance-families m7x
expect_bad "unknown region" "--region: unknown region 'us-east-9'.*did you mean 'us-east-1'" --region us-east-9
expect_bad "unknown benchmark" "benchmark.*'strem'.*did you mean 'stream'" --benchmarks strem
expect_bad "unknown size" "--sizes: unknown size 'huge'" --sizes huge
expect_bad "zero daily cap" "--max-daily-jobs: '0' is not accepted" --max-daily-jobs 0
expect_bad "negative daily cap" "--max-daily-jobs: '-3' is not accepted" --max-daily-jobs=-3
expect_bad "zero concurrency" "--max-concurrent: '0' is not accepted" --max-concurrent 0
expect_bad "non-numeric days" "--days: 'seven' is not accepted" --days seven
expect_bad "zero days" "--days: '0' is not accepted" --days 0
expect_bad "negative budget" "--max-cost: '-5' is not accepted" --max-cost=-5
expect_bad "malformed boolean" "--enable-spot: 'maybe' is not a boolean" --enable-spot=maybe
expect_bad "malformed boolean 2" "--instance-size-waves: 'yess' is not a boolean" --instance-size-waves=yess
expect_bad "malformed date" "--start: '2026-13-45' is not a valid timestamp" --start 2026-13-45
expect_bad "malformed time" "--start: '2026-12-01T25:00' is not a valid timestamp" --start 2026-12-01T25:00
expect_bad "unknown zone" "--timezone: unknown time zone 'Mars/Base'" --timezone Mars/Base
expect_bad "bad quota" "--vcpu-quota: 'standard=5' is not accepted" --vcpu-quota standard=5
expect_bad "unknown quota class" "--vcpu-quota: 'standrd:spot=5' names a quota class that no instance type in the catalog has \\(classes: high-memory, hpc, standard, x\\)" --vcpu-quota standrd:spot=5
expect_bad "start before 1970" "--start: '0026-12-07' is outside the accepted range 1970-01-01T00:00:00Z to 9000-01-01T00:00:00Z" --start 0026-12-07
expect_bad "start after 8999" "--start: '9999-01-01' is outside the accepted range" --start 9999-01-01
expect_bad "bad format" "--format: 'xml' is not accepted \(accepted: table, json\)" --format xml
expect_bad "unknown flag" "--max-daly-jobs.*did you mean '--max-daily-jobs'" --max-daly-jobs 3
expect_bad "missing catalog" "--catalog: cannot read file '/nonexistent/cat.json'" --catalog /nonexistent/cat.json
mkdir -p "$work/durations/empty"
echo '{"schema": "something-else"}' >"$work/durations/other.json"
echo '{"schema": "aws-benchmark-collector/result", "metadata": {"quick": true}, "benchmarks": []}' \
  >"$work/durations/quick.json"
echo 'not json' >"$work/durations/broken.json"
expect_bad "missing durations" "--durations: /nonexistent/runs.db: no such file or folder" \
  --durations /nonexistent/runs.db
expect_bad "durations not a result" "--durations: .*other.json: not an agent result document" \
  --durations "$work/durations/other.json"
expect_bad "durations not JSON" "--durations: .*broken.json: not valid JSON" \
  --durations "$work/durations/broken.json"
expect_bad "durations without runs" "--durations: .*quick.json: no measured durations" \
  --durations "$work/durations/quick.json"
expect_bad "durations empty folder" "--durations: .*empty: no measured durations" \
  --durations "$work/durations/empty"

# An unwritable output path: the folder does not exist.
"$bin" schedule plan --start 2026-12-07 --output /nonexistent-folder/plan.json >"$work/stdout" 2>"$work/stderr"
status=$?
if [ "$status" -ne 2 ] || [ "$(wc -l <"$work/stderr")" -ne 1 ] || ! grep -q -- "--output: cannot write output file" "$work/stderr"; then
  echo "FAIL unwritable output: exit $status"; cat "$work/stderr"; failures=$((failures + 1))
fi

# Good input writes the file and exits 0 (so the checks above can fail for the right reason).
"$bin" schedule plan --start 2026-12-07 --output "$work/plan.json" >"$work/stdout" 2>"$work/stderr" \
  || { echo "FAIL good input: exit $?"; cat "$work/stderr"; failures=$((failures + 1)); }
[ -s "$work/plan.json" ] || { echo "FAIL good input: no plan written"; failures=$((failures + 1)); }

echo "plan bad input: $failures failures"
exit $((failures > 0))
