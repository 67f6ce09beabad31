// report --compare BASE NEW [--fail-on-regression]: regression detection between two
// journals (docs/report.md, "Comparing campaigns"). Exit status 3 with --fail-on-regression
// when any figure got worse; the comparison is printed (or written) first either way.

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "report/compare.h"
#include "report/compare_render.h"
#include "report/dataset.h"
#include "util/files.h"

namespace cli {

int RunReportCompare(const std::string& program, const std::vector<std::string>& compare,
                     const std::vector<std::string>& states, const std::string& format,
                     const std::string& output, bool fail_on_regression) {
  if (!states.empty()) {
    return ReportError(program, util::InvalidInput(
                                    "--state: not accepted with --compare (give the two "
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
  return fail_on_regression && report::AnyRegression(comparisons) ? kExitRegression
                                                                  : kExitSuccess;
}

}  // namespace cli
