#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: the normal build, the aarch64
# agent under qemu, the agent's threaded tests under TSan, then the ASan+UBSan build.
# Usage: scripts/test.sh [--no-asan]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
# Each step's header says how long the run has taken so far, so that a slow step shows in CI logs.
step() { printf '== %s  [%dm%02ds]\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }

step "style (clang-format)"
bash scripts/check-style.sh

step "build (default preset)"
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"
step "clang-tidy (sources changed since scripts/tidy-base)"
bash scripts/check-tidy.sh --changed
step "tests (default preset)"
ctest --preset default -j "$jobs"

bash scripts/test-aarch64.sh

# ThreadSanitizer over the agent's threaded code only (agent-only build, one test binary):
# STREAM's OpenMP kernels at 2 threads and the spot watcher's thread. clang with libomp, whose
# Archer tool tells TSan about OpenMP's barriers (libgomp's are invisible to it).
step "build (tsan preset: the agent's tests)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
step "tests (tsan preset: stream at 2 threads, spot watcher)"
ctest --preset tsan -j "$jobs"

if [ "${1:-}" != "--no-asan" ]; then
  step "build (asan preset: AddressSanitizer + UndefinedBehaviorSanitizer)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  step "tests (asan preset)"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j "$jobs"
fi
step "done"
