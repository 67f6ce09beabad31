# The micro family (included by src/agent/CMakeLists.txt): pointer-chase latency and
# plateaus, TLB, IPC, cache geometry.
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cache_geometry.cc
  ${CMAKE_CURRENT_LIST_DIR}/chase.cc
  ${CMAKE_CURRENT_LIST_DIR}/ipc_cache_variants.cc
  ${CMAKE_CURRENT_LIST_DIR}/latency.cc
  ${CMAKE_CURRENT_LIST_DIR}/perf_counters.cc
  ${CMAKE_CURRENT_LIST_DIR}/plateau.cc
  ${CMAKE_CURRENT_LIST_DIR}/tlb.cc
  ${CMAKE_CURRENT_LIST_DIR}/variants.cc
)
