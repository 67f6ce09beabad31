# toml++ (Debian's libtomlplusplus-dev, scripts/setup.sh), used header-only by the one file
# that reads TOML suites (src/bench/suite_toml.cc). Debian's own CMake package links its
# shared library, which has no aarch64 build here; header-only, the agent's cross build
# needs only the headers, reached like nlohmann/json's through a shim that exposes only
# /usr/include/toml++ (cmake/aarch64-shims). IMPORTED, so the headers count as system
# headers and our warning flags do not apply to them.
if(CMAKE_CROSSCOMPILING)
  include(${CMAKE_CURRENT_LIST_DIR}/aarch64-shims/shim-include.cmake)
  abc_shim_include(toml++ abc_tomlplusplus)
else()
  if(NOT EXISTS /usr/include/toml++/toml.h)
    message(FATAL_ERROR "toml++ headers not found: scripts/setup.sh installs libtomlplusplus-dev")
  endif()
  add_library(abc_tomlplusplus INTERFACE IMPORTED)
endif()
set_property(TARGET abc_tomlplusplus APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
             TOML_HEADER_ONLY=1)
