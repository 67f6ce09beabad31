#pragma once
// Binary byte units, as size_t so that products of them never overflow int.

#include <cstddef>

namespace util {

inline constexpr std::size_t kKiB = 1024;
inline constexpr std::size_t kMiB = 1024 * kKiB;
inline constexpr std::size_t kGiB = 1024 * kMiB;

}  // namespace util
