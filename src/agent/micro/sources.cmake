# The micro family (included by src/agent/CMakeLists.txt): pointer-chase latency and
# plateaus, TLB, IPC, cache geometry.
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/chase.cc
  ${CMAKE_CURRENT_LIST_DIR}/latency.cc
  ${CMAKE_CURRENT_LIST_DIR}/plateau.cc
  ${CMAKE_CURRENT_LIST_DIR}/variants.cc
)
