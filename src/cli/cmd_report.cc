// report --state FILE [--state FILE...] [--format NAME] [--output PATH]: what one or more
// campaign journals hold, as text, Markdown, HTML, CSV or JSON (docs/report.md).
// Every flag is parsed here, in one place; the formats come from report::Formats().

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "report/dataset.h"
#include "report/formats.h"
#include "util/files.h"

namespace cli {
namespace {

struct ReportFlags {
  std::vector<std::string> states;
  std::string format = "text";
  std::string output;                // empty: standard output
  std::vector<std::string> compare;  // BASE NEW (cmd_report_compare.cc)
  bool fail_on_regression = false;
  bool trend = false;  // cmd_report_compare.cc
};

}  // namespace

int RunReport(const std::string& program, const Args& args) {
  CLI::App app("Report what campaign journals hold: execution, cost, performance, insights.",
               program);
  ReportFlags flags;
  app.add_option("--state", flags.states, "a campaign journal (repeat to merge several)");
  app.add_option("--compare", flags.compare,
                 "BASE NEW: test every figure of journal NEW against journal BASE")
      ->expected(2);
  app.add_flag("--fail-on-regression", flags.fail_on_regression,
               "with --compare: exit status 3 when any figure got worse");
  app.add_flag("--trend", flags.trend,
               "each figure's mean per journal, in --state order, with the change");
  app.add_option("--format", flags.format,
                 "one of: " + report::FormatNames() + ", computecompass [default: text]");
  app.add_option("--output", flags.output, "write to this file instead of standard output");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  if (!flags.compare.empty()) {
    return RunReportCompare(program, flags.compare, flags.states, flags.format, flags.output,
                            flags.fail_on_regression);
  }
  if (flags.states.empty())
    return ReportError(program, util::InvalidInput("--state: required (a campaign journal)"));
  if (flags.trend) return RunReportTrend(program, flags.states, flags.format, flags.output);
  if (flags.format == "computecompass") {
    return RunReportComputeCompass(program, flags.states, flags.output);
  }
  const report::FormatEntry* format = report::FindFormat(flags.format);
  if (!format)
    return ReportError(
        program, util::InvalidInput("--format: '" + flags.format +
                                    "' is not accepted (one of: " + report::FormatNames() + ")"));
  if (!flags.output.empty()) {
    if (auto writable = util::CheckWritable(flags.output); !writable)
      return ReportError(program, writable.error());
  }
  auto dataset = report::LoadJournals(flags.states);
  if (!dataset) return ReportError(program, dataset.error());
  auto text = format->render(*dataset, report::RenderOptions{flags.states});
  if (!text) return ReportError(program, text.error());
  if (flags.output.empty()) {
    std::cout << *text << std::flush;
    return kExitSuccess;
  }
  if (auto written = util::WriteFileAtomic(flags.output, *text); !written)
    return ReportError(program, written.error());
  return kExitSuccess;
}

}  // namespace cli
