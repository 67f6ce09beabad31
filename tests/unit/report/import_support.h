#pragma once
// Result files the import tests write for themselves: one valid file of each schema, which
// each test then breaks in exactly one way.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace report::testing {

// A fresh directory under the system's temp directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string Str() const { return path_.string(); }
  void Write(const std::string& name, const nlohmann::json& document) const;
  void WriteText(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// A Go project v1.0 file that passes the Go schema and every integrity check.
nlohmann::json ValidGoResult(const std::string& instance_type = "m7i.large", double triad = 41.9);
// One of our result documents with a "stream" benchmark whose triad has these samples
// (statistics computed from them, so it passes agent::ValidateResultDocument).
nlohmann::json OwnResult(const std::string& instance_type, const std::vector<double>& triad,
                         const std::string& variant = "stream", const std::string& metric = "triad",
                         const std::string& unit = "GB/s");

}  // namespace report::testing
