#pragma once
// What `results import` found wrong with a file: each flag names the file and the field.

#include <string>
#include <vector>

namespace report {

struct ImportFlag {
  std::string file;     // as found in the directory, e.g. "old/m7i.large.json"
  std::string field;    // JSON path, e.g. "performance.memory.stream.triad.bandwidth"
  std::string problem;  // what is wrong, one line
};

using ImportFlags = std::vector<ImportFlag>;

std::string ToString(const ImportFlag& flag);  // "FILE: FIELD: PROBLEM"

}  // namespace report
