# abc_shim_include(NAME TARGET): an INTERFACE target whose include folder holds only a
# link to /usr/include/NAME.
function(abc_shim_include name target)
  set(dir ${CMAKE_BINARY_DIR}/aarch64-shim-include/${name})
  if(NOT EXISTS ${dir}/${name})
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK /usr/include/${name} ${dir}/${name} SYMBOLIC)
  endif()
  if(NOT TARGET ${target})
    add_library(${target} INTERFACE IMPORTED)
    set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${dir})
  endif()
endfunction()
