// Reads the cases tests/report/stats_vs_scipy.py wrote (scipy's answers, JSON lines) and
// compares report's statistics with them. Prints each mismatch and "N passed, N failed".

#include <cmath>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/stats.h"

namespace {

// Statistics agree to 1e-9 relative; p-values to 1e-9 absolute plus 1e-7 relative (the
// incomplete beta's continued fraction and scipy's own methods differ in the last bits).
bool CloseStatistic(double ours, double theirs) {
  return std::fabs(ours - theirs) <= 1e-9 * std::max(1.0, std::fabs(theirs));
}
bool CloseP(double ours, double theirs) { return std::fabs(ours - theirs) <= 1e-9 + 1e-7 * theirs; }

std::vector<double> Sample(const nlohmann::json& values) {
  return values.get<std::vector<double>>();
}

// Returns the names of the figures that differ ("" when all agree).
std::string Compare(const nlohmann::json& c) {
  std::string bad;
  auto check = [&](bool ok, const std::string& what, double ours, double theirs) {
    if (!ok)
      bad += " " + what + ": ours " + std::to_string(ours) + " scipy " + std::to_string(theirs);
  };
  std::vector<double> a = Sample(c["a"]);
  std::vector<double> b = Sample(c["b"]);
  if (c.contains("welch")) {
    report::WelchResult w = report::WelchTTest(a, b);
    check(CloseStatistic(w.t, c["welch"]["t"]), "welch.t", w.t, c["welch"]["t"]);
    check(CloseStatistic(w.df, c["welch"]["df"]), "welch.df", w.df, c["welch"]["df"]);
    check(CloseP(w.p_value, c["welch"]["p"]), "welch.p", w.p_value, c["welch"]["p"]);
  }
  if (c.contains("mann_whitney")) {
    const nlohmann::json& mw = c["mann_whitney"];
    report::MannWhitneyResult chosen = report::MannWhitneyU(a, b);
    bool exact = chosen.method == report::MannWhitneyMethod::kExact;
    check(exact == mw["exact"].get<bool>(), "mw.method", exact, mw["exact"].get<bool>());
    check(CloseStatistic(chosen.u, mw["u"]), "mw.u", chosen.u, mw["u"]);
    check(CloseP(chosen.p_value, mw["p"]), "mw.p", chosen.p_value, mw["p"]);
    report::MannWhitneyResult normal =
        report::MannWhitneyU(a, b, report::MannWhitneyMethod::kNormal);
    check(CloseP(normal.p_value, mw["p_normal"]), "mw.p_normal", normal.p_value, mw["p_normal"]);
  }
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: report_stats_check CASES.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "report_stats_check: cannot read " << argv[1] << "\n";
    return 2;
  }
  int passed = 0;
  int failed = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string bad = Compare(nlohmann::json::parse(line));
    if (bad.empty()) {
      ++passed;
    } else {
      ++failed;
      std::cout << "case " << number << ":" << bad << "\n";
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 && passed > 0 ? 0 : 1;
}
