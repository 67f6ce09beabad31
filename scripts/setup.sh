#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the perf scripts need.
# Idempotent: packages already present are skipped, so a second run is fast.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang libclang-rt-14-dev clang-format clang-tidy
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev libcurl4-openssl-dev libssl-dev
  libpugixml-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenblas-dev libblis-dev libnuma-dev libhwloc-dev
  g++-aarch64-linux-gnu qemu-user libomp-dev
  hpcc likwid openmpi-bin
  sysbench p7zip-full
  python3 python3-botocore python3-scipy python3-jsonschema curl
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
