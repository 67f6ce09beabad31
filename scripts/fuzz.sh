#!/usr/bin/env bash
# Builds a libFuzzer target with the `fuzz` preset (clang) and runs it.
#
# Usage: scripts/fuzz.sh TARGET [SECONDS]
#   TARGET   plan_json (the plan file loader), result_json (the result file validator),
#            spec_flags (the campaign spec flags of schedule plan / weekly),
#            aws_ec2_xml, aws_s3_xml, aws_json (the AWS response parsers),
#            suite_json, suite_toml (the custom suite reader, docs/custom-suites.md)
#   SECONDS  how long to fuzz (default 120)
# A short run for CI:  scripts/fuzz.sh plan_json 30
#
# The seed corpus in fuzz/corpus/TARGET is copied to build-fuzz/corpus/TARGET, which
# keeps what the fuzzer finds between runs; crashes go to build-fuzz/artifacts/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
seconds="${2:-120}"
if [ -z "$target" ] || [ ! -d "fuzz/corpus/$target" ]; then
  echo "usage: scripts/fuzz.sh TARGET [SECONDS]  (targets: $(ls fuzz/corpus | tr '\n' ' '))" >&2
  exit 2
fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2;; esac

cmake --preset fuzz >/dev/null
cmake --build build-fuzz --target "${target}_fuzz" -j 2

corpus="build-fuzz/corpus/$target"
artifacts="build-fuzz/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
cp -n fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
dict=()
[ -f "fuzz/$target.dict" ] && dict=(-dict="fuzz/$target.dict")

echo "== fuzzing $target for ${seconds}s (corpus $corpus)"
"build-fuzz/fuzz/${target}_fuzz" "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -max_len=32768 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1
