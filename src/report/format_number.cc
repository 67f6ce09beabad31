#include "report/format_number.h"

#include <cmath>
#include <cstdio>

namespace report {

std::string Figure(double value) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string Percent(double ratio) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", ratio * 100);
  return buffer;
}

std::string Usd(double usd) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, std::fabs(usd) < 1 ? "$%.4f" : "$%.2f", std::fabs(usd));
  return (usd < 0 ? "-" : "") + std::string(buffer);
}

std::string Duration(int64_t seconds) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%lldh%02lldm%02llds",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return buffer;
}

}  // namespace report
