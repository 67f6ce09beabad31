#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) with the default build's compile_commands.json.
#   scripts/check-tidy.sh             every src/ .cc file (about 15 CPU-minutes)
#   scripts/check-tidy.sh --changed   the src/ .cc files changed since the commit in
#                                     scripts/tidy-base (the last whole-tree clean run), and the
#                                     .cc files beside changed headers; what scripts/test.sh runs
#   scripts/check-tidy.sh FILE...     those files
# After a clean whole-tree run, write its commit into scripts/tidy-base.
set -euo pipefail
cd "$(dirname "$0")/.."
db=build/compile_commands.json
[ -f "$db" ] || { echo "check-tidy: $db is missing (configure the default preset first)"; exit 2; }
if [ "${1:-}" = "--changed" ]; then
  base=$(cat scripts/tidy-base)
  mapfile -t changed < <(git diff --name-only "$base" -- 'src/*.cc' 'src/*.h')
  mapfile -t files < <(for f in "${changed[@]}"; do
      case "$f" in *.h) [ -f "${f%.h}.cc" ] && echo "${f%.h}.cc" ;; *) [ -f "$f" ] && echo "$f" ;; esac
    done | sort -u)
elif [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'src/*.cc')
fi
# Sources outside the x86_64 compile database (the aarch64 kernels) are skipped.
mapfile -t files < <(for f in "${files[@]}"; do grep -q "\"file\": \"$PWD/$f\"" "$db" && echo "$f"; done)
if [ ${#files[@]} -eq 0 ]; then echo "check-tidy: no file to check"; exit 0; fi
if ! printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet \
    >build/clang-tidy.log 2>/dev/null; then
  grep -E '(error|warning):' build/clang-tidy.log | sort -u
  echo "check-tidy: clang-tidy found problems in ${#files[@]} files checked (log: build/clang-tidy.log)"
  exit 1
fi
echo "check-tidy: ${#files[@]} files clean"
