# Cross-builds the aarch64 agent (Graviton instances) beside the controller, in
# build-aarch64/ with cmake/aarch64.cmake: the same tree scripts/test-aarch64.sh configures
# and tests, so that the two share one build. Without Debian's g++-aarch64-linux-gnu
# (scripts/setup.sh installs it) the build says so and goes on; an aws campaign with arm64
# types then asks for ABC_AGENT_AARCH64 before it launches anything.
find_program(ABC_AARCH64_CXX aarch64-linux-gnu-g++)
if(NOT ABC_AARCH64_CXX)
  message(STATUS "aarch64 agent: no aarch64-linux-gnu-g++, not built (scripts/setup.sh installs it)")
  return()
endif()
include(ExternalProject)
set(ABC_AARCH64_DIR ${CMAKE_SOURCE_DIR}/build-aarch64)
ExternalProject_Add(agent_aarch64
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${ABC_AARCH64_DIR}
  CMAKE_GENERATOR Ninja
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/aarch64.cmake -DABC_AGENT_ONLY=ON
             -DCMAKE_BUILD_TYPE=RelWithDebInfo
  BUILD_COMMAND ${CMAKE_COMMAND} --build ${ABC_AARCH64_DIR} --target aws-benchmark-agent
  # The inner ninja knows the agent's sources; ask it on every build rather than once.
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD ON)
