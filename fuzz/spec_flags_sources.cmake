# The spec flags' fuzz target compiles these parts of the CLI in, without the rest of it;
# one list for the libFuzzer target (fuzz/CMakeLists.txt) and its replay (fuzz/replay.cmake).
set(ABC_SPEC_FLAGS_FUZZ_SOURCES
    ${PROJECT_SOURCE_DIR}/src/cli/spec_flags.cc ${PROJECT_SOURCE_DIR}/src/cli/flags.cc
    ${PROJECT_SOURCE_DIR}/src/cli/suite_files.cc ${PROJECT_SOURCE_DIR}/src/cli/measured_durations.cc)
set(ABC_SPEC_FLAGS_FUZZ_LIBS abc_plan abc_catalog abc_store abc_util CLI11::CLI11)
