#include "util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace util {
namespace {

Error IoError(const std::string& what, const std::string& path, int error_number) {
  return MakeError(ErrorClass::kIo, what + " '" + path + "': " + std::strerror(error_number));
}

}  // namespace

Expected<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read file", path, errno);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return IoError("cannot read file", path, errno);
  return contents.str();
}

namespace {

// A temporary name nobody can guess, created with O_EXCL: a file or symlink planted beside
// the target is never opened, let alone truncated.
int CreateUniqueTemp(const std::string& path, std::string& temp) {
  std::random_device device;
  for (int tries = 0; tries < 100; ++tries) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".tmp.%08x%08x", device(), device());
    temp = path + suffix;
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view contents) {
  std::string temp;
  int fd = CreateUniqueTemp(path, temp);
  if (fd < 0) return IoError("cannot write file", path, errno);
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return IoError("cannot write file", path, saved);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    return IoError("cannot write file", path, saved);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    return IoError("cannot write file", path, saved);
  }
  // The rename is durable only once the folder's entry is on disk.
  return SyncFolder(ParentFolder(path));
}

std::string ParentFolder(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

Status SyncFolder(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open folder", folder, errno);
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) return IoError("cannot sync folder", folder, saved);
  return {};
}

Status CheckWritable(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return InvalidInput("output path '" + path + "' is a directory (accepted: a file path)");
  }
  std::string folder = ParentFolder(path);
  if (::access(folder.c_str(), W_OK) != 0) {
    return InvalidInput("cannot write output file '" + path + "': folder '" + folder + "' " +
                        (errno == ENOENT ? "does not exist" : "is not writable"));
  }
  if (::stat(path.c_str(), &info) == 0 && ::access(path.c_str(), W_OK) != 0) {
    return InvalidInput("cannot write output file '" + path + "': permission denied");
  }
  return {};
}

}  // namespace util
