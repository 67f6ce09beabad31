# The STREAM family (included by src/agent/CMakeLists.txt). The explicit-ISA kernels
# are compiled with their -m flags for their own file only (ARCHITECTURE.md, "Architecture-specific code").
set(_abc_stream ${CMAKE_CURRENT_SOURCE_DIR}/stream)
list(APPEND ABC_AGENT_SOURCES
  ${_abc_stream}/cache_sweep.cc
  ${_abc_stream}/kernels_portable.cc
  ${_abc_stream}/numa.cc
  ${_abc_stream}/prefetch.cc
  ${_abc_stream}/stream_run.cc
  ${_abc_stream}/stream_variant.cc
  ${_abc_stream}/variants.cc
)
if(ABC_AGENT_ARCH STREQUAL "x86_64")
  list(APPEND ABC_AGENT_SOURCES ${_abc_stream}/stream_avx2.cc ${_abc_stream}/stream_avx512.cc
       ${_abc_stream}/isa_absent_x86.cc)
  set_source_files_properties(${_abc_stream}/stream_avx2.cc PROPERTIES COMPILE_OPTIONS "-mavx2;-mfma")
  set_source_files_properties(${_abc_stream}/stream_avx512.cc PROPERTIES COMPILE_OPTIONS "-mavx512f")
elseif(ABC_AGENT_ARCH STREQUAL "aarch64")
  list(APPEND ABC_AGENT_SOURCES ${_abc_stream}/stream_neon.cc ${_abc_stream}/isa_absent_arm64.cc)
endif()
# The portable kernels are the baseline: -O3 lets GCC vectorize them fully at any build type
# except the sanitizer build, which keeps its own flags.
if(NOT ABC_SANITIZE)
  set_source_files_properties(${_abc_stream}/kernels_portable.cc PROPERTIES COMPILE_OPTIONS "-O3")
endif()
