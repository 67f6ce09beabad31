# Warnings as an INTERFACE target, so every project target opts in by linking it
# and third-party code is not affected.
add_library(abc_warnings INTERFACE)
target_compile_options(abc_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wformat=2)
# -Wnull-dereference is left out: with GCC 12 it fires inside libstdc++'s vector::insert.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(abc_warnings INTERFACE -Wduplicated-cond -Wlogical-op)
endif()
