// micro-ipc's reference loops for AArch64 (see ipc_loops.h). Every loop ends with
// `subs n, n, #1; b.ne 1b`: two instructions per round.

#include <cstdint>

#include "agent/micro/ipc_loops.h"

namespace agent::micro {
namespace {

std::uint64_t DependentAdds(std::uint64_t rounds, const IpcMemory&) {
  std::uint64_t x = 0, one = 1;
  asm volatile(
      "1:\n\t"
      ".rept 64\n\t"
      "add %[x], %[x], %[one]\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [x] "+r"(x), [n] "+r"(rounds)
      : [one] "r"(one)
      : "cc");
  return x;
}

std::uint64_t IndependentAdds(std::uint64_t rounds, const IpcMemory&) {
  std::uint64_t a = 0, b = 0, c = 0, d = 0, one = 1;
  asm volatile(
      "1:\n\t"
      ".rept 16\n\t"
      "add %[a], %[a], %[one]\n\t"
      "add %[b], %[b], %[one]\n\t"
      "add %[c], %[c], %[one]\n\t"
      "add %[d], %[d], %[one]\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d), [n] "+r"(rounds)
      : [one] "r"(one)
      : "cc");
  return a + b + c + d;
}

std::uint64_t LoadsL1(std::uint64_t rounds, const IpcMemory& memory) {
  std::uint64_t a = 0, b = 0, c = 0, d = 0;
  asm volatile(
      "1:\n\t"
      ".rept 16\n\t"
      "ldr %[a], [%[p]]\n\t"
      "ldr %[b], [%[p], #8]\n\t"
      "ldr %[c], [%[p], #16]\n\t"
      "ldr %[d], [%[p], #24]\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [d] "=&r"(d), [n] "+r"(rounds)
      : [p] "r"(memory.words)
      : "cc", "memory");
  return a + b + c + d;
}

std::uint64_t Mixed(std::uint64_t rounds, const IpcMemory& memory) {
  std::uint64_t a = 0, b = 0, t = 0, u = 0;
  asm volatile(
      "1:\n\t"
      ".rept 16\n\t"
      "ldr %[t], [%[p]]\n\t"
      "add %[a], %[a], %[t]\n\t"
      "ldr %[u], [%[p], #8]\n\t"
      "add %[b], %[b], %[u]\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [a] "+r"(a), [b] "+r"(b), [t] "=&r"(t), [u] "=&r"(u), [n] "+r"(rounds)
      : [p] "r"(memory.words)
      : "cc", "memory");
  return a + b;
}

std::uint64_t PointerChase(std::uint64_t rounds, const IpcMemory& memory) {
  const void* p = memory.chase;
  asm volatile(
      "1:\n\t"
      ".rept 16\n\t"
      "ldr %[p], [%[p]]\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [p] "+r"(p), [n] "+r"(rounds)
      :
      : "cc", "memory");
  return reinterpret_cast<std::uintptr_t>(p);
}

// xorshift64 (13, 7, 17) in three shifted-operand eors; then tbz and either `add, b` or
// `add, nop`: six instructions per step whichever way the branch goes.
std::uint64_t Branchy(std::uint64_t rounds, const IpcMemory&) {
  std::uint64_t x = kBranchySeed, odd = 0, even = 0, one = 1;
  asm volatile(
      "1:\n\t"
      ".rept 8\n\t"
      "eor %[x], %[x], %[x], lsl #13\n\t"
      "eor %[x], %[x], %[x], lsr #7\n\t"
      "eor %[x], %[x], %[x], lsl #17\n\t"
      "tbz %[x], #0, 2f\n\t"
      "add %[odd], %[odd], %[one]\n\t"
      "b 3f\n"
      "2:\n\t"
      "add %[even], %[even], %[one]\n\t"
      "nop\n"
      "3:\n\t"
      ".endr\n\t"
      "subs %[n], %[n], #1\n\t"
      "b.ne 1b"
      : [x] "+r"(x), [odd] "+r"(odd), [even] "+r"(even), [n] "+r"(rounds)
      : [one] "r"(one)
      : "cc");
  return odd | (even << 32);
}

}  // namespace

std::vector<IpcLoop> IpcLoops() {
  return {
      {"dependent-adds", 64 + 2, DependentAdds},
      {"independent-adds", 64 + 2, IndependentAdds},
      {"loads-l1", 64 + 2, LoadsL1},
      {"mixed", 64 + 2, Mixed},
      {"pointer-chase", 16 + 2, PointerChase},
      {"branchy", 8 * 6 + 2, Branchy},
  };
}

}  // namespace agent::micro
