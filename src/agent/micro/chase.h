#pragma once
// Pointer chasing: every load's address comes from the previous load, so the time per
// load is the latency of wherever the chain lives (L1, L2, LLC, DRAM, or a page walk).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace agent::micro {

// Sattolo's algorithm: a uniformly random permutation with a single cycle through all n
// elements, so a chase visits every element before it repeats. successor[i] is the next.
std::vector<std::uint32_t> SattoloCycle(std::size_t n, std::uint64_t seed);

// Memory mapped for chasing, aligned to 2 MiB. `huge` asks for transparent huge pages
// (MADV_HUGEPAGE); otherwise MADV_NOHUGEPAGE keeps 4 KiB pages even when THP is "always".
class ChaseMemory {
 public:
  ChaseMemory(std::size_t bytes, bool huge);
  ~ChaseMemory();
  ChaseMemory(const ChaseMemory&) = delete;
  ChaseMemory& operator=(const ChaseMemory&) = delete;

  bool ok() const { return base_ != nullptr; }
  std::byte* data() const { return base_; }
  std::size_t size() const { return size_; }
  // Bytes of this mapping backed by huge pages, from /proc/self/smaps; -1 if unreadable.
  long long HugeBytes() const;

  // Writes a cycle: the pointer at offsets[i] points to offsets[successor[i]]. The chase
  // starts at offsets[0].
  void Link(const std::vector<std::size_t>& offsets, const std::vector<std::uint32_t>& successor);
  // The same with offsets[i] = i * stride, without materialising the offsets.
  void LinkStrided(std::size_t stride, const std::vector<std::uint32_t>& successor);
  // Follows the chain for `loads` loads from where the last call stopped, so that
  // successive runs over a set larger than the caches never revisit a warm prefix;
  // returns ns per load.
  double NsPerLoad(std::size_t loads);
  // One sample: the best of `parts` back-to-back runs of loads/parts each, so that a run
  // the scheduler interrupted does not decide the sample (shared VMs preempt often).
  double SampleNsPerLoad(std::size_t loads, int parts = 3);

 private:
  std::byte* mapping_ = nullptr;
  std::byte* base_ = nullptr;
  std::size_t mapped_ = 0;
  std::size_t size_ = 0;
  std::byte* const* cursor_ = nullptr;
};

// Offsets of `lines` cache lines of `line` bytes, one per line, for a random full-cycle chase.
std::vector<std::size_t> LineOffsets(std::size_t lines, std::size_t line);

// Loads a chase of `loads` takes to last about `seconds`, from a short calibration run.
std::size_t CalibrateLoads(ChaseMemory& memory, double seconds, std::size_t min_loads);

}  // namespace agent::micro
