#include "report/model.h"

namespace report {

Report BuildReport(const Dataset& dataset) {
  Report report;
  report.sections.push_back(ExecutionSection(dataset));
  report.sections.push_back(CostSection(dataset));
  report.logistics_only = dataset.metrics.empty();
  if (report.logistics_only) {
    report.sections.front().notes.push_back(
        "No measured figure in these journals: this report holds logistics only, with no "
        "performance or insight section.");
    return report;
  }
  report.sections.push_back(PerformanceSection(dataset));
  report.sections.push_back(InsightsSection(dataset));
  return report;
}

}  // namespace report
