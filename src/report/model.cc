#include "report/model.h"

#include <future>

namespace report {

Report BuildReport(const Dataset& dataset) {
  Report report;
  report.logistics_only = dataset.metrics.empty();
  // The Insights section is the largest; it only reads the dataset, so it is built on a
  // second thread while the others are built here.
  std::future<Section> insights;
  if (!report.logistics_only)
    insights = std::async(std::launch::async, [&dataset] { return InsightsSection(dataset); });
  report.sections.push_back(ExecutionSection(dataset));
  report.sections.push_back(CostSection(dataset));
  if (report.logistics_only) {
    report.sections.front().notes.push_back(
        "No measured figure in these journals: this report holds logistics only, with no "
        "performance or insight section.");
    return report;
  }
  report.sections.push_back(PerformanceSection(dataset));
  report.sections.push_back(insights.get());
  return report;
}

}  // namespace report
