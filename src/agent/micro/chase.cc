#include "agent/micro/chase.h"

#include <sys/mman.h>

#include <algorithm>
#include <chrono>

#include "agent/huge_pages.h"

namespace agent::micro {
namespace {

constexpr std::size_t kHugePage = 2u << 20;

std::uint64_t NextRandom(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<std::uint32_t> SattoloCycle(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint32_t> next(n);
  for (std::size_t i = 0; i < n; ++i) next[i] = static_cast<std::uint32_t>(i);
  std::uint64_t state = seed;
  // Sattolo: like Fisher-Yates but j < i strictly, which yields exactly one cycle.
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(NextRandom(state) % (i - 1));
    std::swap(next[i - 1], next[j]);
  }
  return next;
}

ChaseMemory::ChaseMemory(std::size_t bytes, bool huge) : size_(bytes) {
  mapped_ = bytes + kHugePage;
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  mapping_ = static_cast<std::byte*>(p);
  const auto address = reinterpret_cast<std::uintptr_t>(mapping_);
  const std::uintptr_t aligned = (address + kHugePage - 1) / kHugePage * kHugePage;
  base_ = mapping_ + (aligned - address);
  if (huge) {
    AdviseHugePages(base_, bytes);
  } else {
    madvise(base_, bytes, MADV_NOHUGEPAGE);
  }
}

ChaseMemory::~ChaseMemory() {
  if (mapping_ != nullptr) munmap(mapping_, mapped_);
}

long long ChaseMemory::HugeBytes() const { return HugePageBytes({{base_, size_}}); }

void ChaseMemory::Link(const std::vector<std::size_t>& offsets,
                       const std::vector<std::uint32_t>& successor) {
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    std::byte* to = base_ + offsets[successor[i]];
    std::byte* from = base_ + offsets[i];
    *reinterpret_cast<std::byte**>(from) = to;
  }
  cursor_ = reinterpret_cast<std::byte* const*>(base_ + (offsets.empty() ? 0 : offsets[0]));
}

void ChaseMemory::LinkStrided(std::size_t stride, const std::vector<std::uint32_t>& successor) {
  for (std::size_t i = 0; i < successor.size(); ++i) {
    *reinterpret_cast<std::byte**>(base_ + i * stride) = base_ + successor[i] * stride;
  }
  cursor_ = reinterpret_cast<std::byte* const*>(base_);
}

double ChaseMemory::NsPerLoad(std::size_t loads) {
  auto* p = cursor_;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < loads; i += 8) {
    // Unrolled so that loop overhead stays hidden behind the dependent loads.
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
    p = reinterpret_cast<std::byte* const*>(*p);
  }
  // Keeps the chain alive: the compiler must produce p, so it must do every load.
  asm volatile("" : : "r"(p) : "memory");
  cursor_ = p;
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const std::size_t done = (loads + 7) / 8 * 8;
  return std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(done);
}

double ChaseMemory::SampleNsPerLoad(std::size_t loads, int parts) {
  const std::size_t part = std::max<std::size_t>(loads / static_cast<std::size_t>(parts), 8);
  double best = NsPerLoad(part);
  for (int i = 1; i < parts; ++i) best = std::min(best, NsPerLoad(part));
  return best;
}

std::vector<std::size_t> LineOffsets(std::size_t lines, std::size_t line) {
  std::vector<std::size_t> offsets(lines);
  for (std::size_t i = 0; i < lines; ++i) offsets[i] = i * line;
  return offsets;
}

std::size_t CalibrateLoads(ChaseMemory& memory, double seconds, std::size_t min_loads) {
  const std::size_t probe = 1u << 14;
  const double ns = std::max(memory.NsPerLoad(probe), 0.05);
  const auto loads = static_cast<std::size_t>(seconds * 1e9 / ns);
  return std::max(loads, min_loads);
}

}  // namespace agent::micro
