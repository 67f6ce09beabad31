# The AWS response parsers (issue 10). Included at the end of fuzz/CMakeLists.txt.
# Run: scripts/fuzz.sh aws_ec2_xml 60 (and aws_s3_xml, aws_json)
target_compile_options(abc_aws PRIVATE -fsanitize=fuzzer-no-link ${abc_fuzz_flags})
foreach(name aws_ec2_xml aws_s3_xml aws_json)
  abc_add_fuzzer(${name}_fuzz SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}_fuzz.cc LIBS abc_aws)
  target_include_directories(${name}_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/src)
endforeach()
