// The suite reader as a program, for tests written in Python (suite_schema_test.py): reads
// FILE as --suite does (bench::ReadSuiteFile, JSON or TOML by extension) and prints the
// canonical JSON, or the one error line with exit status 2.
#include <iostream>

#include "bench/suite.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: suite_read FILE\n";
    return 2;
  }
  auto suite = bench::ReadSuiteFile(argv[1]);
  if (!suite) {
    std::cerr << suite.error().message << "\n";
    return 2;
  }
  suite->folder.clear();  // the canonical form of the content, wherever the file is
  std::cout << bench::SuiteToJson(*suite).dump(2) << "\n";
  return 0;
}
