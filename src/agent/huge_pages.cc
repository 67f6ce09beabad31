#include "agent/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

namespace agent {
namespace {

constexpr std::uintptr_t kPage = 4096;

bool Overlaps(std::uintptr_t lo, std::uintptr_t hi, const std::vector<AddressRange>& ranges) {
  for (const auto& [start, bytes] : ranges) {
    const auto begin = reinterpret_cast<std::uintptr_t>(start);
    if (begin < hi && lo < begin + bytes) return true;
  }
  return false;
}

}  // namespace

bool AdviseHugePages(void* address, std::size_t bytes) {
  const auto begin = reinterpret_cast<std::uintptr_t>(address);
  const std::uintptr_t first = (begin + kPage - 1) / kPage * kPage;
  const std::uintptr_t last = (begin + bytes) / kPage * kPage;
  if (last <= first) return false;
  return madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) == 0;
}

long long HugePageBytes(const std::vector<AddressRange>& ranges) {
  std::ifstream smaps("/proc/self/smaps");
  if (!smaps) return -1;
  std::string line;
  bool inside = false;
  long long total = 0;
  while (std::getline(smaps, line)) {
    unsigned long long lo = 0, hi = 0;
    // A mapping's header line starts "lo-hi perms ..."; field lines start "Name:".
    if (std::sscanf(line.c_str(), "%llx-%llx ", &lo, &hi) == 2 && line.find(':') > 8) {
      inside = Overlaps(lo, hi, ranges);
      continue;
    }
    long long kib = 0;
    if (inside && std::sscanf(line.c_str(), "AnonHugePages: %lld kB", &kib) == 1)
      total += kib * 1024;
  }
  return total;
}

}  // namespace agent
