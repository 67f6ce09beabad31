# The micro family (included by src/agent/CMakeLists.txt): pointer-chase latency and
# plateaus, TLB, IPC, cache geometry.
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cache_geometry.cc
  ${CMAKE_CURRENT_LIST_DIR}/chase.cc
  ${CMAKE_CURRENT_LIST_DIR}/cache_variant.cc
  ${CMAKE_CURRENT_LIST_DIR}/ipc_variant.cc
  ${CMAKE_CURRENT_LIST_DIR}/latency.cc
  ${CMAKE_CURRENT_LIST_DIR}/perf_counters.cc
  ${CMAKE_CURRENT_LIST_DIR}/plateau.cc
  ${CMAKE_CURRENT_LIST_DIR}/tlb.cc
  ${CMAKE_CURRENT_LIST_DIR}/variants.cc
)
# micro-ipc's reference loops are assembly per ISA: their instruction counts are known by
# construction, which is what lets IPC be derived without counters.
list(APPEND ABC_AGENT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/ipc_loops_${ABC_AGENT_ARCH}.cc)
