#pragma once
// Number formatting shared by every report format, so one figure reads the same everywhere.

#include <cstdint>
#include <string>

namespace report {

// A figure with 4 significant digits ("12.35", "0.001235", "12350").
std::string Figure(double value);
// "+/-" half width of a confidence interval, same precision rule.
std::string Percent(double ratio);      // 0.0512 -> "5.1%"
std::string Usd(double usd);            // "$0.0123" below a dollar, "$12.35" above
std::string Duration(int64_t seconds);  // "1h02m03s"

}  // namespace report
