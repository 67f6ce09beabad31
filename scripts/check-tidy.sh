#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over the project's C++ sources with the default build's
# compile_commands.json. Usage: scripts/check-tidy.sh [FILE...] (default: every src/ .cc file)
set -euo pipefail
cd "$(dirname "$0")/.."
db=build/compile_commands.json
[ -f "$db" ] || { echo "check-tidy: $db is missing (configure the default preset first)"; exit 2; }
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files 'src/*.cc'); fi
# The aarch64-only sources are not in the x86_64 compile database.
mapfile -t files < <(for f in "${files[@]}"; do grep -q "\"file\": \"$PWD/$f\"" "$db" && echo "$f"; done)
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet 2>/dev/null \
  > build/clang-tidy.log || { grep -E 'error:|warning:' build/clang-tidy.log | sort -u; \
  echo "check-tidy: clang-tidy found problems (full log: build/clang-tidy.log)"; exit 1; }
echo "check-tidy: ${#files[@]} files clean"
