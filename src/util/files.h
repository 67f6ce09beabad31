#pragma once
// File access used by every module. Writes are atomic (temp file + rename) so that a
// crash or a bad input never leaves a half-written output behind.

#include <string>
#include <string_view>

#include "util/expected.h"

namespace util {

Expected<std::string> ReadFile(const std::string& path);
// Writes `contents` to `path` through a temporary file in the same folder and rename(2).
Status WriteFileAtomic(const std::string& path, std::string_view contents);
// fsync(2) of a folder, so that a rename or a new entry in it survives a power loss.
Status SyncFolder(const std::string& folder);
// The folder a path is in ("." for a bare name).
std::string ParentFolder(const std::string& path);
// Fails with kInvalidInput when `path` could not be created (missing folder, no
// permission), without creating anything. Lets commands validate --output up front.
Status CheckWritable(const std::string& path);

}  // namespace util
