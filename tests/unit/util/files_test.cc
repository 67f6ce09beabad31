#include "util/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace util {
namespace {

std::string TempFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "abc-files-XXXXXX").string();
  return mkdtemp(pattern.data());
}

TEST(FilesTest, AtomicWriteThenRead) {
  std::string folder = TempFolder();
  std::string path = folder + "/out.json";
  ASSERT_TRUE(WriteFileAtomic(path, "{\"a\":1}"));
  auto text = ReadFile(path);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "{\"a\":1}");
  // No temporary file is left beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder), {}), 1);
  std::filesystem::remove_all(folder);
}

TEST(FilesTest, MissingFileIsIoError) {
  auto text = ReadFile("/nonexistent/abc/file");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().error_class, ErrorClass::kIo);
}

TEST(FilesTest, CheckWritableRejectsMissingFolderAndDirectories) {
  EXPECT_FALSE(CheckWritable("/nonexistent-folder/plan.json"));
  std::string folder = TempFolder();
  EXPECT_FALSE(CheckWritable(folder));
  EXPECT_TRUE(CheckWritable(folder + "/plan.json"));
  EXPECT_FALSE(std::filesystem::exists(folder + "/plan.json"));
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace util
