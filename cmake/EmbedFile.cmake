# cmake -DINPUT=... -DOUTPUT=... -DNAMESPACE=... -DFUNCTION=... -P EmbedFile.cmake
# Writes a .cc whose function returns the input file's bytes. Runs at build time so that
# editing the data file rebuilds the binary.
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
math(EXPR size "${hex_length} / 2")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}. Do not edit.\n#include <string_view>\n"
  "namespace ${NAMESPACE} {\nnamespace {\nconstexpr char kData[] = {${bytes} 0};\n}\n"
  "std::string_view ${FUNCTION}() { return std::string_view(kData, ${size}); }\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
