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

// The old temporary name was "<path>.tmp.<pid>", opened with O_TRUNC and without O_EXCL: a
// symlink planted there by another user redirected the write onto any file we can write.
TEST(FilesTest, AtomicWriteNeverFollowsAPlantedTemporaryName) {
  std::string folder = TempFolder();
  std::string victim = folder + "/victim";
  ASSERT_TRUE(WriteFileAtomic(victim, "precious"));
  std::string path = folder + "/out.json";
  std::string guessed = path + ".tmp." + std::to_string(::getpid());
  std::filesystem::create_symlink(victim, guessed);
  ASSERT_TRUE(WriteFileAtomic(path, "new"));
  EXPECT_EQ(*ReadFile(victim), "precious");
  EXPECT_EQ(*ReadFile(path), "new");
  EXPECT_TRUE(std::filesystem::is_symlink(guessed));  // left alone, not ours
  std::filesystem::remove_all(folder);
}

TEST(FilesTest, AtomicWritesUseDistinctTemporaryNames) {
  // Two writes to the same target from one process leave exactly the target: no name clash,
  // no leftover.
  std::string folder = TempFolder();
  std::string path = folder + "/out.json";
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(WriteFileAtomic(path, std::to_string(i)));
  EXPECT_EQ(*ReadFile(path), "19");
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
