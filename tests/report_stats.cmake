# Statistics of regression detection (src/report/stats.*): worked examples in gtest, and
# scipy (Debian python3-scipy, from /usr/bin/python3) over many random samples.
abc_add_test(report_stats_test
  SOURCES unit/report/stats_test.cc
  LIBS abc_report)

add_executable(report_stats_check report/stats_check.cc)
target_link_libraries(report_stats_check PRIVATE abc_report abc_options nlohmann_json::nlohmann_json)
find_program(ABC_DEBIAN_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(ABC_DEBIAN_PYTHON3)
  add_test(NAME report_stats_vs_scipy
           COMMAND ${ABC_DEBIAN_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/report/stats_vs_scipy.py
                   --checker $<TARGET_FILE:report_stats_check> --cases 3000 --seed 20261206)
endif()

abc_add_test(report_import_test
  SOURCES unit/report/import_test.cc unit/report/import_support.cc
  LIBS abc_report)
target_include_directories(report_import_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

abc_add_test(report_compare_test
  SOURCES unit/report/compare_test.cc
  LIBS abc_report)

abc_add_test(report_compare_cli_test
  SOURCES unit/report/compare_cli_test.cc unit/report/import_support.cc
  LIBS abc_cli)
target_include_directories(report_compare_cli_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

abc_add_test(report_computecompass_test
  SOURCES unit/report/computecompass_test.cc unit/report/import_support.cc
  LIBS abc_report)
target_include_directories(report_computecompass_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

abc_add_test(report_trend_test
  SOURCES unit/report/trend_test.cc
  LIBS abc_report)
