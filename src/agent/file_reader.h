#pragma once
// Read-only access to /proc and /sys behind an interface, so that sysinfo parsing can be
// tested against fixture trees (tests/data/sysinfo/) instead of the host.

#include <string>
#include <vector>

#include "util/expected.h"

namespace agent {

class FileReader {
 public:
  virtual ~FileReader() = default;
  // The contents of an absolute path such as "/proc/cpuinfo".
  virtual util::Expected<std::string> Read(const std::string& path) const = 0;
  // The entry names of a folder (not sorted); empty when it does not exist.
  virtual std::vector<std::string> List(const std::string& path) const = 0;
};

// Reads the real file system below `root` ("" or "/" for the host; a fixture folder in
// tests, where "/proc/cpuinfo" maps to "<root>/proc/cpuinfo").
class RootedFileReader final : public FileReader {
 public:
  explicit RootedFileReader(std::string root = "") : root_(std::move(root)) {}
  util::Expected<std::string> Read(const std::string& path) const override;
  std::vector<std::string> List(const std::string& path) const override;

 private:
  std::string root_;
};

}  // namespace agent
