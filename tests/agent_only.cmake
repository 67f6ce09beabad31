# Agent-only builds (the aarch64 cross build): GoogleTest compiled from Debian's
# googletest sources with the cross compiler, then the agent's tests. ctest runs them
# through CMAKE_CROSSCOMPILING_EMULATOR (qemu-aarch64).
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
include(GoogleTest)

function(abc_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} abc_options gtest gtest_main gmock)
  target_compile_definitions(${name} PRIVATE
    ABC_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    ABC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 120 PROPERTIES TIMEOUT 600)
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/agent.cmake)
