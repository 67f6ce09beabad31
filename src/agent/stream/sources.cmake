# The STREAM family (included by src/agent/CMakeLists.txt).
list(APPEND ABC_AGENT_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/stream/variants.cc
)
