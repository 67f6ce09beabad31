#pragma once
// The STREAM driver: array sizing, first-touch initialisation, warm-up, NTIMES timed
// passes of copy/scale/add/triad, and validation as stream.c does it.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "agent/stream/kernels.h"
#include "agent/variant.h"

namespace agent::stream {

// STREAM's scalar and initial values (stream.c: a = 1, b = 2, c = 0, scalar = 3).
inline constexpr double kScalar = 3.0;
// Bytes moved per element as STREAM counts them: copy/scale 2 doubles, add/triad 3.
inline constexpr double kBytesPerElement[4] = {16.0, 16.0, 24.0, 24.0};
inline constexpr const char* kKernelNames[4] = {"copy", "scale", "add", "triad"};
// STREAM's validation tolerance for 8-byte values (stream.c checkSTREAMresults).
inline constexpr double kEpsilon = 1e-13;

// Elements per array, with the reasons behind the choice.
struct Sizing {
  size_t elements = 0;
  size_t rule_elements = 0;  // STREAM's rule: each array >= 4 x the sum of all LLCs
  size_t cap_elements = 0;   // the safe share of memory for three arrays
  std::vector<std::string> warnings;
};
// Full runs follow the rule within the memory cap; quick runs (and runs under
// emulation) use smaller arrays and say so in a warning.
Sizing ChooseSize(const SysInfo& info, bool quick);

// Three arrays, released on destruction: 2 MiB-aligned from the heap, or from another
// allocator (libnuma for stream-numa) with its own release function. Each array is
// offered to transparent huge pages (MADV_HUGEPAGE) before it is first touched: with
// 4 KiB pages a core's hardware prefetcher stops at every page boundary and the TLB
// misses on every other page, which cost a single core 5-15% of its bandwidth on the
// development VM; the figure STREAM wants is the memory's, not the page walker's.
class Arrays {
 public:
  using Allocate = std::function<double*(size_t bytes)>;
  using Release = std::function<void(double*, size_t bytes)>;
  explicit Arrays(size_t elements);
  Arrays(size_t elements, const Allocate& allocate, Release release);
  ~Arrays();
  Arrays(const Arrays&) = delete;
  Arrays& operator=(const Arrays&) = delete;
  double* a() const { return a_; }
  double* b() const { return b_; }
  double* c() const { return c_; }
  size_t size() const { return n_; }
  // Bytes of the three arrays backed by huge pages now (/proc/self/smaps); -1 if unknown.
  long long HugePageBytes() const;

 private:
  void ReleaseAll();
  size_t n_;
  size_t bytes_;
  Release release_;
  double* a_ = nullptr;
  double* b_ = nullptr;
  double* c_ = nullptr;
};

// Thread `index` of `threads` works on [begin, end): equal shares rounded to 64 bytes.
struct Range {
  size_t begin, end;
};
Range ThreadRange(size_t elements, int index, int threads);

// Sets a = 1, b = 2, c = 0 in parallel with the kernels' partition, so that each
// thread first-touches the pages it will use.
void InitializeArrays(const Arrays& arrays, int threads);
// Runs one kernel (0 copy, 1 scale, 2 add, 3 triad) over the whole arrays on `threads`
// threads, each on its ThreadRange.
void RunKernel(const KernelSet& kernels, int kernel, const Arrays& arrays, int threads);

// The values a, b, c must hold after `passes` full kernel sequences from the initial
// values; checks every element to STREAM's relative tolerance.
Validation ValidateArrays(const Arrays& arrays, int passes, int threads);

struct StreamOutcome {
  std::vector<double> gbs[4];  // per kernel, one sample per timed pass, in 10^9 B/s
  Validation validation;
  bool interrupted = false;
};
// Initialises, warms up with one untimed pass, then times `iterations` passes.
StreamOutcome RunStream(const KernelSet& kernels, const Arrays& arrays, int threads,
                        const RunContext& ctx);

// A whole STREAM variant run with `kernels`: sizing, binding, metrics, parameters.
BenchmarkResult RunStreamVariant(const Variant& variant, const KernelSet& kernels,
                                 const RunContext& ctx);

}  // namespace agent::stream
