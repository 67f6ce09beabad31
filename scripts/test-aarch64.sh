#!/usr/bin/env bash
# Cross-builds the agent for aarch64 (Graviton) with Debian's g++-aarch64-linux-gnu and
# runs its unit tests and `run --quick` under qemu-aarch64 -cpu max (SVE present).
# Numbers measured under emulation are labelled so in the result and are not figures.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
qemu=(qemu-aarch64 -cpu max -L /usr/aarch64-linux-gnu)
echo "== aarch64 agent: cross build"
cmake -S . -B build-aarch64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64.cmake \
  -DABC_AGENT_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-aarch64 -j "$jobs"
echo "== aarch64 agent: unit tests under qemu-aarch64"
ctest --test-dir build-aarch64 -j "$jobs" --output-on-failure
echo "== aarch64 agent: run --quick under qemu-aarch64"
agent=build-aarch64/src/agent/aws-benchmark-agent
"${qemu[@]}" "$agent" run --quick --no-imds --output build-aarch64/quick.json
"${qemu[@]}" "$agent" validate build-aarch64/quick.json
python3 - build-aarch64/quick.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["sysinfo"]["arch"] == "aarch64", d["sysinfo"]["arch"]
assert d["sysinfo"]["hypervisor"]["emulated"] is True, "emulation not labelled"
neon = [b for b in d["benchmarks"] if b["name"] == "stream-neon"][0]
assert neon["status"] == "ok", neon.get("reason")
ipc = [b for b in d["benchmarks"] if b["name"] == "micro-ipc"][0]
assert ipc["status"] == "ok", ipc.get("reason")
assert ipc["parameters"]["method"] == "derived", ipc["parameters"]  # qemu has no counters
assert "emulated" in ipc["parameters"]["timing"], "emulated IPC timing not labelled"
bad = [(b["name"], b["status"], b.get("reason")) for b in d["benchmarks"] if b["status"] not in ("ok", "skipped")]
assert not bad, bad
print("aarch64 quick run: %d benchmarks, SVE %d bits" % (len(d["benchmarks"]), d["sysinfo"]["cpu"]["sve_vector_bits"]))
PY
