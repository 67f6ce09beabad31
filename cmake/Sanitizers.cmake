# ASan + UBSan as an INTERFACE target; linked by every target when ABC_SANITIZE is on.
add_library(abc_sanitizers INTERFACE)
if(ABC_SANITIZE)
  target_compile_options(abc_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(abc_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# Common settings for every target of the project.
add_library(abc_options INTERFACE)
target_link_libraries(abc_options INTERFACE abc_warnings abc_sanitizers)
target_include_directories(abc_options INTERFACE ${PROJECT_SOURCE_DIR}/src)
