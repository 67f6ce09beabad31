#pragma once
// Small helpers for the aws tests: a fake environment and a temporary folder.

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "aws/environment.h"

namespace aws::testing {

// A file of the fuzz corpus (`fuzz/corpus/PATH`): the parsers' unit tests read the same
// responses the fuzzers start from.
inline std::string FuzzCorpus(const std::string& path) {
  std::ifstream in(std::string(ABC_SOURCE_DIR) + "/fuzz/corpus/" + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline Environment FakeEnvironment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    auto found = variables.find(std::string(name));
    if (found == variables.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("abc-aws-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::ofstream(file) << text;
    return file.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace aws::testing
