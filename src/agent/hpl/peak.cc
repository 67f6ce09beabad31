#include "agent/hpl/peak.h"

#include <algorithm>
#include <array>

#include "agent/hpl/fma.h"

namespace agent::hpl {
namespace {

struct Entry {
  std::string_view prefix;  // matched against the start of the microarchitecture name
  int units;
  int bits;
  std::string_view source;
};

constexpr std::string_view kChipsSpr =
    "Chips and Cheese, Sapphire Rapids review: AVX-512 with 2x512-bit FMA throughput, as "
    "Intel server cores since Skylake-X";
constexpr std::string_view kZen3 =
    "flatlib.jp vfpbench on Zen 3: 256-bit FMA x2 (+ add x2), as Zen 2";
constexpr std::string_view kZen4 =
    "Stack Overflow 76195232 on the Chips and Cheese Zen 4 diagram: two 256-bit FMA pipes, "
    "32 single-precision flops per cycle from FMAs; 512-bit FMAs use both pipes";

// Xeon Gold 5xxx/Silver parts of Skylake-SP and Cascade Lake have one 512-bit unit; EC2
// uses Platinum parts, and hpl-vector's measured FMA/cycle shows which a machine has.
constexpr std::array<Entry, 11> kTable = {{
    {"Skylake-SP", 2, 512, kChipsSpr},
    {"Cascade Lake", 2, 512, kChipsSpr},
    {"Ice Lake-SP", 2, 512, kChipsSpr},
    {"Sapphire Rapids", 2, 512, kChipsSpr},
    {"Emerald Rapids", 2, 512, kChipsSpr},
    {"Zen 2", 2, 256, kZen3},
    {"Zen 3", 2, 256, kZen3},
    {"Zen 4", 2, 256, kZen4},
    {"Neoverse V1", 2, 256,
     "AnandTech, Arm Neoverse V1 announcement (2021): two native 256-bit SIMD (SVE) pipelines"},
    {"Neoverse V2", 4, 128,
     "Neoverse microarchitecture notes (brendanjameslynskey.github.io/Neoverse): V1 2x256-bit, "
     "V2 4x128-bit SVE2"},
    {"Neoverse N2", 4, 128,
     "Neoverse microarchitecture notes (brendanjameslynskey.github.io/Neoverse): N2 4x128-bit "
     "SVE2"},
}};

}  // namespace

std::optional<FmaUnits> FmaUnitsFor(std::string_view microarchitecture) {
  for (const Entry& e : kTable) {
    if (microarchitecture.substr(0, e.prefix.size()) == e.prefix) {
      return FmaUnits{e.units, e.bits, std::string(e.source)};
    }
  }
  return std::nullopt;
}

double PeakGflops(const FmaUnits& units, double ghz) {
  return units.units * (units.bits / 64.0) * 2.0 * ghz;
}

bool ClockBelowFmaRate(std::string_view microarchitecture, double ghz, double widest_gflops) {
  auto units = FmaUnitsFor(microarchitecture);
  // 1% of slack: the FMA and clock runs are timed separately, each to a few parts in 1000.
  return units && ghz > 0 && widest_gflops > PeakGflops(*units, ghz) * 1.01;
}

int RemeasureClockWhileBelowFmaRate(std::string_view microarchitecture, double widest_gflops,
                                    double seconds, double& ghz) {
  int runs = 0;
  for (; runs < 3 && ClockBelowFmaRate(microarchitecture, ghz, widest_gflops); ++runs) {
    ghz = std::max(ghz, MeasureCoreGhz(seconds));
  }
  return runs;
}

}  // namespace agent::hpl
