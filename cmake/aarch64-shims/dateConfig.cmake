include(${CMAKE_CURRENT_LIST_DIR}/shim-include.cmake)
abc_shim_include(date date::date-tz)
