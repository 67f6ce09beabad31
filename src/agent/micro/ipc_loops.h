#pragma once
// micro-ipc's reference loops: whole loops written in assembly per ISA (ipc_loops_<arch>.cc),
// so the instructions one round retires are known by construction (counted from the block,
// loop control included) and IPC can be derived from time and the core clock where no
// hardware counter exists. Each loop returns a checksum of its registers that depends on how
// many of its instructions ran, so a test can check the blocks on any ISA (also under qemu).

#include <cstdint>
#include <vector>

namespace agent::micro {

// What the memory loops read. `words` holds at least 4 words and stays in L1; `chase`
// points at a cycle of pointers (each word holds the address of the next).
struct IpcMemory {
  const std::uint64_t* words = nullptr;
  const void* chase = nullptr;
};

struct IpcLoop {
  const char* name;
  // Instructions one round retires: the block's, plus the loop's decrement and branch.
  std::uint64_t instructions_per_round;
  // Runs `rounds` (>= 1) rounds; the checksum is described with each loop.
  std::uint64_t (*run)(std::uint64_t rounds, const IpcMemory& memory);
};

// The loops of this build's ISA, in a fixed order that is the same on every ISA:
//   dependent-adds     64 adds of 1 on one register: checksum rounds × 64
//   independent-adds   16 × 4 adds of 1 on four registers: checksum (sum) rounds × 64
//   loads-l1           16 × 4 independent loads of words[0..3]: checksum their sum
//   mixed              16 × (load words[0], add; load words[1], add): checksum
//                      rounds × 16 × (words[0] + words[1])
//   pointer-chase      16 dependent loads through `chase`: checksum the final address
//   branchy            8 × (xorshift64 step, branch on its low bit, add 1 to one of two
//                      counters, equal instructions on both paths): checksum
//                      odd count | even count << 32, the state seeded with kBranchySeed
std::vector<IpcLoop> IpcLoops();

inline constexpr std::uint64_t kBranchySeed = 0x9E3779B97F4A7C15ULL;

}  // namespace agent::micro
