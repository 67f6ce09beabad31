# The result JSON fuzzer (issue 3). Included by fuzz/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/result.cmake)
# Needs clang (the fuzz preset). Run: build-fuzz/fuzz/result_json_fuzz -max_total_time=60
add_executable(result_json_fuzz ${CMAKE_CURRENT_LIST_DIR}/result_json_fuzz.cc)
target_link_libraries(result_json_fuzz PRIVATE abc_agent)
target_compile_options(result_json_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_options(result_json_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
