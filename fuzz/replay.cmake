# Every fuzz target also builds, with the ordinary compiler and flags of the test build
# (gcc, or gcc with ASan/UBSan in the asan preset), against fuzz/replay_main.cc instead of
# libFuzzer, and replays its corpus plus deterministic mutations as a test.
# Included by tests/CMakeLists.txt.
set(ABC_FUZZ_DIR ${PROJECT_SOURCE_DIR}/fuzz)

# abc_add_fuzz_replay(NAME MUTATIONS SOURCES... LIBS ...)
function(abc_add_fuzz_replay name mutations)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name}_replay ${ARG_SOURCES} ${ABC_FUZZ_DIR}/replay_main.cc)
  target_link_libraries(${name}_replay PRIVATE ${ARG_LIBS} abc_options)
  target_include_directories(${name}_replay PRIVATE ${PROJECT_SOURCE_DIR}/src)
  set(dictionary "")
  if(EXISTS ${ABC_FUZZ_DIR}/${name}.dict)
    set(dictionary ${ABC_FUZZ_DIR}/${name}.dict)
  endif()
  add_test(NAME fuzz_replay_${name}
           COMMAND ${name}_replay ${ABC_FUZZ_DIR}/corpus/${name} ${mutations} ${dictionary})
  set_tests_properties(fuzz_replay_${name} PROPERTIES TIMEOUT 300)
endfunction()

abc_add_fuzz_replay(plan_json 1000 SOURCES ${ABC_FUZZ_DIR}/plan_json_fuzz.cc LIBS abc_plan)
abc_add_fuzz_replay(suite_json 3000 SOURCES ${ABC_FUZZ_DIR}/suite_json_fuzz.cc LIBS abc_bench)
abc_add_fuzz_replay(suite_toml 3000 SOURCES ${ABC_FUZZ_DIR}/suite_toml_fuzz.cc LIBS abc_bench)
abc_add_fuzz_replay(result_json 3000 SOURCES ${ABC_FUZZ_DIR}/result_json_fuzz.cc LIBS abc_agent)
include(${ABC_FUZZ_DIR}/spec_flags_sources.cmake)
abc_add_fuzz_replay(spec_flags 3000
  SOURCES ${ABC_FUZZ_DIR}/spec_flags_fuzz.cc ${ABC_SPEC_FLAGS_FUZZ_SOURCES}
  LIBS ${ABC_SPEC_FLAGS_FUZZ_LIBS})
foreach(name aws_ec2_xml aws_s3_xml aws_json)
  abc_add_fuzz_replay(${name} 2000 SOURCES ${ABC_FUZZ_DIR}/${name}_fuzz.cc LIBS abc_aws)
endforeach()
