#include "agent/file_reader.h"

#include <filesystem>

#include "util/files.h"

namespace agent {

util::Expected<std::string> RootedFileReader::Read(const std::string& path) const {
  return util::ReadFile(root_ + path);
}

std::vector<std::string> RootedFileReader::List(const std::string& path) const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(root_ + path, error)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

}  // namespace agent
