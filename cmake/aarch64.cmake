# Toolchain for the aarch64 (Graviton) agent: Debian's g++-aarch64-linux-gnu, tests run
# under qemu-aarch64 (user mode, -cpu max so that SVE is present). Used with
# -DABC_AGENT_ONLY=ON; see scripts/test.sh.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -cpu max -L /usr/aarch64-linux-gnu)
# Header-only dependencies come from the host's /usr/include through shims that expose
# only their own folder (never the host's libc headers); date's compiled tz library is
# not needed by the agent, so its shim is headers only.
set(nlohmann_json_DIR ${CMAKE_CURRENT_LIST_DIR}/aarch64-shims CACHE PATH "" FORCE)
set(date_DIR ${CMAKE_CURRENT_LIST_DIR}/aarch64-shims CACHE PATH "" FORCE)
