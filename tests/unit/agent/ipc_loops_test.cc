// micro-ipc's assembly loops do the work their instruction counts claim: each checksum
// depends on how many of the block's instructions ran. Part of agent_test, so the aarch64
// blocks run here under qemu too (instruction-count correctness only; no timing).

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "agent/micro/ipc_loops.h"
#include "agent/micro/perf_counters.h"

namespace agent::micro {
namespace {

const IpcLoop& Loop(const std::string& name) {
  static const std::vector<IpcLoop> loops = IpcLoops();
  for (const IpcLoop& loop : loops) {
    if (name == loop.name) return loop;
  }
  ADD_FAILURE() << "no loop " << name;
  return loops.front();
}

// words[0..3] = 1, 2, 3, 4 and a ring of pointers, slot i -> slot (i + 1) % kRing.
struct TestMemory {
  static constexpr std::size_t kRing = 37;
  alignas(64) std::uint64_t words[8] = {1, 2, 3, 4, 0, 0, 0, 0};
  std::vector<const void*> ring = std::vector<const void*>(kRing);
  TestMemory() {
    for (std::size_t i = 0; i < kRing; ++i) ring[i] = &ring[(i + 1) % kRing];
  }
  IpcMemory View() const { return {words, ring.data()}; }
};

TEST(IpcLoops, TheSameLoopsInTheSameOrderOnEveryIsa) {
  std::vector<std::string> names;
  for (const IpcLoop& loop : IpcLoops()) names.emplace_back(loop.name);
  EXPECT_EQ(names, (std::vector<std::string>{"dependent-adds", "independent-adds", "loads-l1",
                                             "mixed", "pointer-chase", "branchy"}));
}

TEST(IpcLoops, AddLoopsRunSixtyFourAddsPerRound) {
  const TestMemory memory;
  for (std::uint64_t rounds : {1u, 7u, 1000u}) {
    EXPECT_EQ(Loop("dependent-adds").run(rounds, memory.View()), rounds * 64);
    EXPECT_EQ(Loop("independent-adds").run(rounds, memory.View()), rounds * 64);
  }
}

TEST(IpcLoops, LoadLoopsReadTheirWords) {
  const TestMemory memory;
  EXPECT_EQ(Loop("loads-l1").run(3, memory.View()), 1u + 2u + 3u + 4u);
  // 16 × (words[0] + words[1]) per round.
  for (std::uint64_t rounds : {1u, 5u, 999u}) {
    EXPECT_EQ(Loop("mixed").run(rounds, memory.View()), rounds * 16 * 3);
  }
}

TEST(IpcLoops, PointerChaseFollowsSixteenLinksPerRound) {
  const TestMemory memory;
  for (std::uint64_t rounds : {1u, 2u, 5u, 100u}) {
    const auto end = static_cast<std::uintptr_t>(Loop("pointer-chase").run(rounds, memory.View()));
    const auto expected =
        reinterpret_cast<std::uintptr_t>(&memory.ring[(rounds * 16) % TestMemory::kRing]);
    EXPECT_EQ(end, expected) << rounds << " rounds";
  }
}

// The xorshift64 (13, 7, 17) reference, written from the published recurrence.
std::uint64_t BranchyReference(std::uint64_t rounds) {
  std::uint64_t x = kBranchySeed, odd = 0, even = 0;
  for (std::uint64_t i = 0; i < rounds * 8; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x & 1 ? odd : even) += 1;
  }
  return odd | (even << 32);
}

TEST(IpcLoops, BranchyTakesEachBranchAsTheXorshiftSays) {
  const TestMemory memory;
  for (std::uint64_t rounds : {1u, 3u, 1000u}) {
    const std::uint64_t got = Loop("branchy").run(rounds, memory.View());
    EXPECT_EQ(got, BranchyReference(rounds)) << rounds << " rounds";
    EXPECT_EQ((got & 0xFFFFFFFFu) + (got >> 32), rounds * 8);
  }
  // Both ways are taken, so the loop really branches.
  const std::uint64_t many = Loop("branchy").run(1000, memory.View());
  EXPECT_GT(many & 0xFFFFFFFFu, 3000u);
  EXPECT_GT(many >> 32, 3000u);
}

// Where the host has counters, they must count what the blocks claim (within the few
// instructions of the call around the loop). Skipped where perf_event_open fails.
TEST(IpcLoops, CountersAgreeWithTheInstructionCountsByConstruction) {
  const TestMemory memory;
  auto counters = MakePerfEventCounters();
  for (const IpcLoop& loop : IpcLoops()) {
    constexpr std::uint64_t kRounds = 100'000;
    auto reading = counters->Count([&] { loop.run(kRounds, memory.View()); });
    if (!reading) GTEST_SKIP() << reading.error().message;
    const double expected = static_cast<double>(loop.instructions_per_round * kRounds);
    EXPECT_NEAR(static_cast<double>(reading->instructions), expected, 0.001 * expected)
        << loop.name;
  }
}

}  // namespace
}  // namespace agent::micro
