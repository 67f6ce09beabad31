# The result JSON fuzzer (issue 3): agent::ParseResultDocument and the schema validator.
# Included at the end of fuzz/CMakeLists.txt (after abc_add_fuzzer and abc_fuzz_flags).
# Run: scripts/fuzz.sh result_json 60
target_compile_options(abc_agent PRIVATE -fsanitize=fuzzer-no-link ${abc_fuzz_flags})
abc_add_fuzzer(result_json_fuzz SOURCES ${CMAKE_CURRENT_LIST_DIR}/result_json_fuzz.cc LIBS abc_agent)
