# The agent framework: sysinfo, statistics, variants, registry, runner, result schema.
# ISA-specific files are chosen by the target processor (DESIGN.md §12).
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/build_info.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/capabilities.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/clock.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/commands.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/file_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/hardware.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/huge_pages.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imds.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/monitor.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/registry.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/result_schema.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/result_validate.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/run_args.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/runner.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/spot_watch.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/statistics.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sysinfo.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sysinfo_json.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sysinfo_sysfs.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/threads.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/variant.cc
)
if(ABC_AGENT_ARCH STREQUAL "x86_64")
  list(APPEND ABC_AGENT_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/sysinfo_x86.cc)
elseif(ABC_AGENT_ARCH STREQUAL "aarch64")
  list(APPEND ABC_AGENT_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/sysinfo_arm64.cc)
endif()
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/build_info.cc PROPERTIES
  COMPILE_DEFINITIONS "ABC_AGENT_CXX_FLAGS=\"${ABC_AGENT_FLAGS_TEXT}\";ABC_AGENT_BUILD_TYPE=\"${CMAKE_BUILD_TYPE}\"")
