// schedule plan [spec flags] [--output plan.json] [--format table|json]

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cli/plan_table.h"
#include "cli/planning.h"
#include "cli/spec_flags.h"
#include "plan/plan_json.h"
#include "util/files.h"

namespace cli {

int RunSchedulePlan(const std::string& program, const Args& args) {
  CLI::App app(
      "Plan a benchmark campaign: windows, sessions and jobs with exact times.\n"
      "Prints the plan as a table; --output also writes it as JSON (docs/plan-schema.md).",
      program);
  SpecFlagText spec_text;
  AddSpecFlags(app, spec_text);
  std::string output;
  std::string format = "table";
  app.add_option("--output", output, "write the plan as JSON to this file");
  app.add_option("--format", format, "what to print: table or json [default: table]");
  if (auto exit = ParseFlags(app, program, args)) return *exit;

  if (format != "table" && format != "json") {
    return ReportError(program, util::InvalidInput("--format: '" + format +
                                                   "' is not accepted (accepted: table, json)"));
  }
  if (!output.empty()) {
    if (auto writable = util::CheckWritable(output); !writable) {
      return ReportError(program, util::InvalidInput("--output: " + writable.error().message));
    }
  }
  auto checked = PlanFromFlags(spec_text);
  if (!checked) return ReportError(program, checked.error());
  const plan::Plan& plan = checked->plan;

  // The JSON is only rendered when it goes somewhere: at scale it is 20 MB.
  std::string json = output.empty() && format != "json" ? "" : plan::WritePlanJson(plan);
  if (!output.empty()) {
    if (auto written = util::WriteFileAtomic(output, json); !written) {
      return ReportError(program, written.error());
    }
  }
  if (format == "json") {
    std::cout << json;
  } else {
    PrintPlanTable(plan, std::cout);
    if (!output.empty()) std::cout << "\nPlan written to " << output << "\n";
  }
  return kExitSuccess;
}

}  // namespace cli
