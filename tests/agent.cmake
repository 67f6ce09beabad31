# The agent's unit tests (target agent_test). Included by tests/CMakeLists.txt and, for
# the aarch64 cross build (ABC_AGENT_ONLY), by the top-level CMakeLists.txt.
set(ABC_AGENT_TEST_DIR ${CMAKE_CURRENT_LIST_DIR}/unit/agent)
abc_add_test(agent_test
  SOURCES
    ${ABC_AGENT_TEST_DIR}/args_test.cc
    ${ABC_AGENT_TEST_DIR}/hpl_builtin_test.cc
    ${ABC_AGENT_TEST_DIR}/imds_test.cc
    ${ABC_AGENT_TEST_DIR}/ipc_loops_test.cc
    ${ABC_AGENT_TEST_DIR}/runner_test.cc
    ${ABC_AGENT_TEST_DIR}/schema_test.cc
    ${ABC_AGENT_TEST_DIR}/spot_watch_test.cc
    ${ABC_AGENT_TEST_DIR}/statistics_test.cc
    ${ABC_AGENT_TEST_DIR}/stream_numa_test.cc
    ${ABC_AGENT_TEST_DIR}/stream_test.cc
    ${ABC_AGENT_TEST_DIR}/sysinfo_test.cc
  LIBS abc_agent)
