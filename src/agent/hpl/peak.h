#pragma once
// Theoretical double-precision FMA peak of one core: FMA units × lanes × 2 × clock. The
// unit count per microarchitecture comes from public descriptions cited in
// docs/methodology-hpl-micro.md; a microarchitecture not in the table gives no peak.

#include <optional>
#include <string>
#include <string_view>

namespace agent::hpl {

struct FmaUnits {
  int units = 0;       // FMA pipes that accept a vector of `bits` each cycle
  int bits = 0;        // the widest width the table speaks for
  std::string source;  // where the count comes from
};

// `microarchitecture` as SysInfo names it ("Sapphire Rapids", "Neoverse V1 (Graviton3)").
std::optional<FmaUnits> FmaUnitsFor(std::string_view microarchitecture);

// GFLOP/s of one core: units × (bits / 64) × 2 × ghz.
double PeakGflops(const FmaUnits& units, double ghz);

// The FMA units cannot exceed their peak, so a best FMA rate above the peak at `ghz`
// means the clock runs were preempted (a short quick-mode run on a loaded machine),
// never that the core beat its peak. False when the table has no entry.
bool ClockBelowFmaRate(std::string_view microarchitecture, double ghz, double widest_gflops);

// Measures the clock again (MeasureCoreGhz, `seconds` per run) while `ghz` reads below
// the FMA rate, at most three times, raising `ghz` to the best run. Returns the runs made.
int RemeasureClockWhileBelowFmaRate(std::string_view microarchitecture, double widest_gflops,
                                    double seconds, double& ghz);

}  // namespace agent::hpl
