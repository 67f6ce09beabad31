// micro-ipc's reference loops for x86-64 (see ipc_loops.h). Every loop ends with
// `subq $1, n; jnz 1b`: two instructions per round (a macro-fused pair still retires as
// two). The added value is a register, not an immediate, so that no renamer folds a chain.

#include <cstdint>

#include "agent/micro/ipc_loops.h"

namespace agent::micro {
namespace {

std::uint64_t DependentAdds(std::uint64_t rounds, const IpcMemory&) {
  std::uint64_t x = 0, one = 1;
  asm volatile(
      "1:\n\t"
      ".rept 64\n\t"
      "addq %[one], %[x]\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
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
      "addq %[one], %[a]\n\t"
      "addq %[one], %[b]\n\t"
      "addq %[one], %[c]\n\t"
      "addq %[one], %[d]\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
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
      "movq 0(%[p]), %[a]\n\t"
      "movq 8(%[p]), %[b]\n\t"
      "movq 16(%[p]), %[c]\n\t"
      "movq 24(%[p]), %[d]\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
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
      "movq 0(%[p]), %[t]\n\t"
      "addq %[t], %[a]\n\t"
      "movq 8(%[p]), %[u]\n\t"
      "addq %[u], %[b]\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
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
      "movq (%[p]), %[p]\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
      : [p] "+r"(p), [n] "+r"(rounds)
      :
      : "cc", "memory");
  return reinterpret_cast<std::uintptr_t>(p);
}

// xorshift64 (13, 7, 17) in nine instructions; then test, jz and either `add, jmp` or
// `add, nop`: thirteen instructions per step whichever way the branch goes.
std::uint64_t Branchy(std::uint64_t rounds, const IpcMemory&) {
  std::uint64_t x = kBranchySeed, t = 0, odd = 0, even = 0, one = 1;
  asm volatile(
      "1:\n\t"
      ".rept 8\n\t"
      "movq %[x], %[t]\n\t"
      "shlq $13, %[t]\n\t"
      "xorq %[t], %[x]\n\t"
      "movq %[x], %[t]\n\t"
      "shrq $7, %[t]\n\t"
      "xorq %[t], %[x]\n\t"
      "movq %[x], %[t]\n\t"
      "shlq $17, %[t]\n\t"
      "xorq %[t], %[x]\n\t"
      "testq $1, %[x]\n\t"
      "jz 2f\n\t"
      "addq %[one], %[odd]\n\t"
      "jmp 3f\n"
      "2:\n\t"
      "addq %[one], %[even]\n\t"
      "nop\n"
      "3:\n\t"
      ".endr\n\t"
      "subq $1, %[n]\n\t"
      "jnz 1b"
      : [x] "+r"(x), [t] "=&r"(t), [odd] "+r"(odd), [even] "+r"(even), [n] "+r"(rounds)
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
      {"branchy", 8 * 13 + 2, Branchy},
  };
}

}  // namespace agent::micro
