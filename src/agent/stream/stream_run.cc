#include "agent/stream/stream_run.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include "agent/do_not_optimize.h"
#include "agent/huge_pages.h"
#include "agent/threads.h"
#include "bench/durations.h"
#include "util/bytes.h"

namespace agent::stream {
namespace {

using util::kMiB;
constexpr size_t kAlignment = 2 * kMiB;

}  // namespace

Sizing ChooseSize(const SysInfo& info, bool quick) {
  Sizing sizing;
  uint64_t llc = info.LastLevelCacheBytes();
  sizing.rule_elements = static_cast<size_t>(4 * llc / sizeof(double));
  // Three arrays within a quarter of the available memory (or of the total when the
  // available figure is missing): leaves room for the OS and the rest of the agent.
  uint64_t memory =
      info.memory_available_bytes > 0 ? info.memory_available_bytes : info.memory_total_bytes;
  // bench::StreamArrayCapBytes also bounds each array (the planner assumes the same bound).
  sizing.cap_elements = static_cast<size_t>(bench::StreamArrayCapBytes(memory) / sizeof(double));
  size_t floor_elements = 16 * kMiB / sizeof(double);  // a sane minimum without cache data
  size_t wanted = std::max(sizing.rule_elements, floor_elements);
  if (llc == 0)
    sizing.warnings.push_back("no last-level cache size known; arrays of at least 16 MiB used");
  if (quick || info.hypervisor.emulated) {
    size_t quick_cap = (info.hypervisor.emulated ? 8 : 64) * kMiB / sizeof(double);
    if (wanted > quick_cap) {
      wanted = quick_cap;
      sizing.warnings.push_back(std::string(info.hypervisor.emulated ? "emulated" : "quick") +
                                " run: arrays of " +
                                std::to_string(quick_cap * sizeof(double) / kMiB) +
                                " MiB, below STREAM's rule of 4 x LLC (" +
                                std::to_string(sizing.rule_elements * sizeof(double) / kMiB) +
                                " MiB); not a STREAM-compliant figure");
    }
  }
  if (sizing.cap_elements > 0 && wanted > sizing.cap_elements) {
    wanted = sizing.cap_elements;
    sizing.warnings.push_back("arrays capped at " + std::to_string(wanted * sizeof(double) / kMiB) +
                              " MiB each (a quarter of available memory for the three, at most " +
                              std::to_string(bench::kStreamArrayMaxBytes / kMiB) +
                              " MiB each), below STREAM's rule of 4 x LLC");
  }
  sizing.elements = wanted / 8 * 8;
  return sizing;
}

Arrays::Arrays(size_t elements)
    : Arrays(
          elements,
          [](size_t bytes) {
            size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
            return static_cast<double*>(std::aligned_alloc(kAlignment, rounded));
          },
          [](double* p, size_t) { std::free(p); }) {}

Arrays::Arrays(size_t elements, const Allocate& allocate, Release release)
    : n_(elements),
      bytes_(std::max<size_t>(elements, 8) * sizeof(double)),
      release_(std::move(release)) {
  a_ = allocate(bytes_);
  b_ = allocate(bytes_);
  c_ = allocate(bytes_);
  if (a_ == nullptr || b_ == nullptr || c_ == nullptr) {
    ReleaseAll();
    throw std::bad_alloc();
  }
  for (double* p : {a_, b_, c_}) AdviseHugePages(p, bytes_);
}

long long Arrays::HugePageBytes() const {
  return agent::HugePageBytes({{a_, bytes_}, {b_, bytes_}, {c_, bytes_}});
}

Arrays::~Arrays() { ReleaseAll(); }

void Arrays::ReleaseAll() {
  for (double* p : {a_, b_, c_}) {
    if (p != nullptr) release_(p, bytes_);
  }
  a_ = b_ = c_ = nullptr;
}

Range ThreadRange(size_t elements, int index, int threads) {
  size_t count = static_cast<size_t>(std::max(threads, 1));
  size_t share = (elements + count - 1) / count;
  share = (share + 7) / 8 * 8;  // 8 doubles = 64 bytes
  size_t begin = std::min(elements, share * static_cast<size_t>(index));
  return {begin, std::min(elements, begin + share)};
}

void InitializeArrays(const Arrays& arrays, int threads) {
#pragma omp parallel num_threads(threads)
  {
    Range r = ThreadRange(arrays.size(), omp_get_thread_num(), omp_get_num_threads());
    double* a = arrays.a();
    double* b = arrays.b();
    double* c = arrays.c();
    for (size_t j = r.begin; j < r.end; ++j) {
      a[j] = 1.0;
      b[j] = 2.0;
      c[j] = 0.0;
    }
  }
}

void RunKernel(const KernelSet& k, int kernel, const Arrays& arrays, int threads) {
  double* a = arrays.a();
  double* b = arrays.b();
  double* c = arrays.c();
#pragma omp parallel num_threads(threads)
  {
    Range r = ThreadRange(arrays.size(), omp_get_thread_num(), omp_get_num_threads());
    switch (kernel) {
      case 0:
        k.copy(c, a, r.begin, r.end);
        break;
      case 1:
        k.scale(b, c, kScalar, r.begin, r.end);
        break;
      case 2:
        k.add(c, a, b, r.begin, r.end);
        break;
      default:
        k.triad(a, b, c, kScalar, r.begin, r.end);
        break;
    }
  }
  ClobberMemory();
}

Validation ValidateArrays(const Arrays& arrays, int passes, int threads) {
  double expected[3] = {1.0, 2.0, 0.0};
  for (int pass = 0; pass < passes; ++pass) {
    expected[2] = expected[0];                          // copy
    expected[1] = kScalar * expected[2];                // scale
    expected[2] = expected[0] + expected[1];            // add
    expected[0] = expected[1] + kScalar * expected[2];  // triad
  }
  const double* data[3] = {arrays.a(), arrays.b(), arrays.c()};
  double error_sum[3] = {0, 0, 0};
  long long bad[3] = {0, 0, 0};
  long long n = static_cast<long long>(arrays.size());
  for (int which = 0; which < 3; ++which) {
    double sum = 0;
    long long count = 0;
    const double* x = data[which];
    double want = expected[which];
#pragma omp parallel for num_threads(threads) reduction(+ : sum, count) schedule(static)
    for (long long j = 0; j < n; ++j) {
      double error = std::fabs(x[j] - want);
      sum += error;
      if (error > kEpsilon * std::fabs(want)) ++count;
    }
    error_sum[which] = sum;
    bad[which] = count;
  }
  Validation v;
  v.checked = true;
  v.method =
      "stream.c checkSTREAMresults: every element against the expected value, relative tolerance "
      "1e-13";
  v.passed = bad[0] == 0 && bad[1] == 0 && bad[2] == 0;
  const char* names[3] = {"a", "b", "c"};
  for (int which = 0; which < 3; ++which) {
    double avg = error_sum[which] / static_cast<double>(std::max(n, 1LL));
    v.details[names[which]] = {
        {"expected", expected[which]}, {"average_abs_error", avg}, {"elements_off", bad[which]}};
  }
  return v;
}

}  // namespace agent::stream
