#pragma once
// Barriers that keep the compiler from deleting or hoisting benchmark work, in the
// manner of google/benchmark's DoNotOptimize/ClobberMemory (include/benchmark/benchmark.h).

namespace agent {

// Makes the compiler assume `value` is read and may be written by opaque code.
template <typename T>
inline void DoNotOptimize(T& value) {
  asm volatile("" : "+m"(value) : : "memory");
}
template <typename T>
inline void DoNotOptimize(const T& value) {
  asm volatile("" : : "m"(value) : "memory");
}
// Makes the compiler assume all memory may have been read and written: stores before it
// must happen, loads after it must be redone.
inline void ClobberMemory() { asm volatile("" : : : "memory"); }

}  // namespace agent
