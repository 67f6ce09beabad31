#include "report/compare_render.h"

#include <nlohmann/json.hpp>

#include "report/format_number.h"
#include "report/html_page.h"
#include "report/model.h"
#include "report/table_builder.h"

namespace report {
namespace {

std::string Rule(const CompareOptions& options) {
  return "Per (type, variant, metric, labels): Welch's t test when both sides have >= " +
         std::to_string(kWelchMinSamples) +
         " samples that look normal (|skewness| <= 1, |excess kurtosis| <= 3), else "
         "Mann-Whitney U (exact without ties up to 20 a side). Flagged when the "
         "Benjamini-Hochberg q <= " +
         Figure(options.alpha) + " and the change exceeds the larger CV of the two sides.";
}

std::string Summary(const std::vector<Comparison>& comparisons) {
  size_t regressed = 0, improved = 0, untested = 0;
  for (const Comparison& c : comparisons) {
    regressed += c.verdict == Verdict::kRegressed;
    improved += c.verdict == Verdict::kImproved;
    untested += c.verdict == Verdict::kNotTested;
  }
  return std::to_string(comparisons.size()) + " figures compared: " + std::to_string(regressed) +
         " regressed, " + std::to_string(improved) + " improved, " + std::to_string(untested) +
         " not tested.";
}

Table ComparisonTable(const std::vector<Comparison>& comparisons) {
  Table table = MakeTable("comparison", "Comparison",
                          {"type", "variant", "metric", "labels", "unit", ">base n", ">base",
                           ">new n", ">new", ">change", ">CV", "test", ">p", ">q", "verdict"});
  for (const Comparison& c : comparisons) {
    bool tested = c.test != TestUsed::kNone;
    table.rows.push_back(
        {c.key.type, c.key.variant, c.key.metric, c.key.labels, c.unit,
         std::to_string(c.base_count), tested ? Figure(c.base_centre) : "",
         std::to_string(c.new_count), tested ? Figure(c.new_centre) : "",
         tested ? Percent(c.change) : "", tested ? Percent(c.noise_cv) : "", ToString(c.test),
         tested ? Figure(c.p_value) : "", tested ? Figure(c.q_value) : "",
         std::string(ToString(c.verdict)) + (c.note.empty() ? "" : " (" + c.note + ")")});
  }
  return table;
}

nlohmann::json ComparisonJson(const Comparison& c) {
  nlohmann::json out = {{"type", c.key.type},
                        {"variant", c.key.variant},
                        {"metric", c.key.metric},
                        {"labels", c.key.labels},
                        {"unit", c.unit},
                        {"better", c.higher_is_better ? "higher" : "lower"},
                        {"base_count", c.base_count},
                        {"new_count", c.new_count},
                        {"test", ToString(c.test)},
                        {"verdict", ToString(c.verdict)},
                        {"note", c.note}};
  if (c.test != TestUsed::kNone) {
    out["base_centre"] = c.base_centre;
    out["new_centre"] = c.new_centre;
    out["change"] = c.change;
    out["noise_cv"] = c.noise_cv;
    out["p_value"] = c.p_value;
    out["q_value"] = c.q_value;
  }
  return out;
}

// The comparisons that were flagged (improved or regressed), regressions first.
Table SignificantTable(const std::vector<Comparison>& comparisons) {
  std::vector<Comparison> flagged;
  for (Verdict verdict : {Verdict::kRegressed, Verdict::kImproved})
    for (const Comparison& c : comparisons)
      if (c.verdict == verdict) flagged.push_back(c);
  Table table = ComparisonTable(flagged);
  table.id = "significant-changes";
  table.title = "Significant changes (regressions first)";
  return table;
}

// A self-contained page (html_page.h): the rule, the summary, the significant changes,
// then every comparison; both tables sortable.
std::string ComparisonHtml(const std::vector<Comparison>& comparisons,
                           const CompareOptions& options) {
  std::string out;
  AppendPageStart("Comparison", out);
  AppendNote(Rule(options), out);
  AppendNote(Summary(comparisons), out);
  Table significant = SignificantTable(comparisons);
  if (significant.rows.empty())
    AppendNote("No significant change.", out);
  else
    AppendTable(significant, out);
  Table all = ComparisonTable(comparisons);
  all.title = "Every figure compared";
  AppendTable(all, out);
  AppendPageEnd(out);
  return out;
}

}  // namespace

std::string CsvTable(const Table& table) {
  auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char ch : text) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return quoted + "\"";
  };
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
    out += "\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

util::Expected<std::string> RenderComparison(const std::vector<Comparison>& comparisons,
                                             const CompareOptions& options,
                                             std::string_view format) {
  Table table = ComparisonTable(comparisons);
  if (format == "text") {
    return "Comparison\n\n  " + Rule(options) + "\n  " + Summary(comparisons) + "\n\n" +
           TextTable(table);
  }
  if (format == "markdown") {
    return "## Comparison\n\n" + Rule(options) + "\n\n" + Summary(comparisons) + "\n\n" +
           MarkdownTable(table);
  }
  if (format == "csv") return CsvTable(table);
  if (format == "html") return ComparisonHtml(comparisons, options);
  if (format == "json") {
    nlohmann::json out = {{"compare_version", kCompareJsonVersion},
                          {"alpha", options.alpha},
                          {"rule", Rule(options)},
                          {"regression", AnyRegression(comparisons)},
                          {"comparisons", nlohmann::json::array()}};
    for (const Comparison& c : comparisons) out["comparisons"].push_back(ComparisonJson(c));
    return out.dump(2) + "\n";
  }
  return util::InvalidInput("--format: '" + std::string(format) +
                            "' is not accepted with --compare (one of: " + kCompareFormats + ")");
}

}  // namespace report
