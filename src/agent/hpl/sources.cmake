# The hpl family (included by src/agent/CMakeLists.txt): LU over a run-time BLAS, vector
# FMA throughput, branch cost.
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/blas_dlopen.cc
  ${CMAKE_CURRENT_LIST_DIR}/hpl_run.cc
  ${CMAKE_CURRENT_LIST_DIR}/lu.cc
  ${CMAKE_CURRENT_LIST_DIR}/variants.cc
)
