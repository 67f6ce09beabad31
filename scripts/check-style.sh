#!/usr/bin/env bash
# Fails when a C++ file of the project differs from its clang-format layout (.clang-format).
# Usage: scripts/check-style.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-style: ${#bad[@]} file(s) differ from .clang-format (fix: bash scripts/check-style.sh --fix):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check-style: ${#files[@]} files match .clang-format"
