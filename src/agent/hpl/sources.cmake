# The hpl family (included by src/agent/CMakeLists.txt): LU over a run-time BLAS, vector
# FMA throughput, branch cost.
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/blas_dlopen.cc
  ${CMAKE_CURRENT_LIST_DIR}/branch.cc
  ${CMAKE_CURRENT_LIST_DIR}/builtin_blas.cc
  ${CMAKE_CURRENT_LIST_DIR}/core_clock.cc
  ${CMAKE_CURRENT_LIST_DIR}/hpl_run.cc
  ${CMAKE_CURRENT_LIST_DIR}/lu.cc
  ${CMAKE_CURRENT_LIST_DIR}/openblas_env.cc
  ${CMAKE_CURRENT_LIST_DIR}/panel.cc
  ${CMAKE_CURRENT_LIST_DIR}/peak.cc
  ${CMAKE_CURRENT_LIST_DIR}/variants.cc
  ${CMAKE_CURRENT_LIST_DIR}/vector_variants.cc
)
# The FMA kernels and the branch kernel are compiled optimised in every build type (-O2
# after the build type's flags): their figure is the point, and at -O0 the accumulators
# would live in memory and loads and stores would hide the misprediction cost.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/branch.cc PROPERTIES COMPILE_OPTIONS "-O2")
if(ABC_AGENT_ARCH STREQUAL "x86_64")
  list(APPEND ABC_AGENT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/fma_kernels_x86_64.cc
    ${CMAKE_CURRENT_LIST_DIR}/fma_avx2.cc
    ${CMAKE_CURRENT_LIST_DIR}/fma_avx512.cc
    ${CMAKE_CURRENT_LIST_DIR}/sve_none.cc)
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/fma_avx2.cc PROPERTIES
    COMPILE_OPTIONS "-O2;-mavx2;-mfma")
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/fma_avx512.cc PROPERTIES
    COMPILE_OPTIONS "-O2;-mavx512f")
elseif(ABC_AGENT_ARCH STREQUAL "aarch64")
  list(APPEND ABC_AGENT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/fma_kernels_aarch64.cc
    ${CMAKE_CURRENT_LIST_DIR}/fma_sve.cc
    ${CMAKE_CURRENT_LIST_DIR}/hpl_sve.cc)
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/fma_sve.cc ${CMAKE_CURRENT_LIST_DIR}/hpl_sve.cc PROPERTIES
    COMPILE_OPTIONS "-O2;-march=armv8-a+sve")
endif()
