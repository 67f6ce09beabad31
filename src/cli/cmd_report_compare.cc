// report --format computecompass --output DIR: the ComputeCompass export.
// report --state A --state B ... --trend: each figure per journal.
// report --compare BASE NEW [--fail-on-regression]: regression detection between two
// journals (docs/report.md, "Comparing campaigns"). Exit status 3 with --fail-on-regression
// when any figure got worse; the comparison is printed (or written) first either way.

#include <ctime>
#include <iostream>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "report/compare.h"
#include "report/compare_render.h"
#include "report/computecompass.h"
#include "report/dataset.h"
#include "report/trend.h"
#include "util/files.h"

namespace cli {

int RunReportCompare(const std::string& program, const std::vector<std::string>& compare,
                     const std::vector<std::string>& states, const std::string& format,
                     const std::string& output, bool fail_on_regression) {
  if (!states.empty()) {
    return ReportError(program,
                       util::InvalidInput("--state: not accepted with --compare (give the two "
                                          "journals as --compare BASE NEW)"));
  }
  if (!output.empty()) {
    if (auto writable = util::CheckWritable(output); !writable)
      return ReportError(program, writable.error());
  }
  auto base = report::LoadJournals({compare[0]});
  if (!base) return ReportError(program, base.error());
  auto next = report::LoadJournals({compare[1]});
  if (!next) return ReportError(program, next.error());
  report::CompareOptions options;
  std::vector<report::Comparison> comparisons = report::Compare(*base, *next, options);
  auto text = report::RenderComparison(comparisons, options, format);
  if (!text) return ReportError(program, text.error());
  if (output.empty()) {
    std::cout << *text << std::flush;
  } else if (auto written = util::WriteFileAtomic(output, *text); !written) {
    return ReportError(program, written.error());
  }
  return fail_on_regression && report::AnyRegression(comparisons) ? kExitRegression : kExitSuccess;
}

int RunReportComputeCompass(const std::string& program, const std::vector<std::string>& states,
                            const std::string& output) {
  if (output.empty()) {
    return ReportError(program,
                       util::InvalidInput("--output: required with --format computecompass (the "
                                          "directory that receives the three files)"));
  }
  auto dataset = report::LoadJournals(states);
  if (!dataset) return ReportError(program, dataset.error());
  auto catalog = catalog::Catalog::Embedded();
  if (!catalog) return ReportError(program, catalog.error());
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  auto files = report::ExportComputeCompass(*dataset, *catalog, stamp);
  if (auto written = report::WriteComputeCompass(files, output); !written)
    return ReportError(program, written.error());
  return kExitSuccess;
}

int RunReportTrend(const std::string& program, const std::vector<std::string>& states,
                   const std::string& format, const std::string& output) {
  if (!output.empty()) {
    if (auto writable = util::CheckWritable(output); !writable)
      return ReportError(program, writable.error());
  }
  auto dataset = report::LoadJournals(states);
  if (!dataset) return ReportError(program, dataset.error());
  auto text = report::RenderTrend(*dataset, format);
  if (!text) return ReportError(program, text.error());
  if (output.empty()) {
    std::cout << *text << std::flush;
  } else if (auto written = util::WriteFileAtomic(output, *text); !written) {
    return ReportError(program, written.error());
  }
  return kExitSuccess;
}

}  // namespace cli
