#pragma once
// Entry points of the commands, one file each.

#include <string>
#include <vector>

#include "cli/command.h"

namespace cli {

int RunSchedulePlan(const std::string& program, const Args& args);
int RunCatalogList(const std::string& program, const Args& args);
int RunCatalogShow(const std::string& program, const Args& args);
int RunCatalogRefresh(const std::string& program, const Args& args);
int RunBenchList(const std::string& program, const Args& args);
int RunBenchRun(const std::string& program, const Args& args);
int RunResultsValidate(const std::string& program, const Args& args);
int RunResultsImport(const std::string& program, const Args& args);
// report --compare BASE NEW (cmd_report_compare.cc), called by RunReport.
int RunReportCompare(const std::string& program, const std::vector<std::string>& compare,
                     const std::vector<std::string>& states, const std::string& format,
                     const std::string& output, bool fail_on_regression);
// report --trend (cmd_report_compare.cc), called by RunReport.
int RunReportTrend(const std::string& program, const std::vector<std::string>& states,
                   const std::string& format, const std::string& output);
// report --format computecompass --output DIR (cmd_report_compare.cc), called by RunReport.
int RunReportComputeCompass(const std::string& program, const std::vector<std::string>& states,
                            const std::string& output);
int RunScheduleResume(const std::string& program, const Args& args);
int RunScheduleRun(const std::string& program, const Args& args);
int RunScheduleWeekly(const std::string& program, const Args& args);
int RunStatus(const std::string& program, const Args& args);
int RunCleanup(const std::string& program, const Args& args);
int RunReport(const std::string& program, const Args& args);

}  // namespace cli
