#pragma once
// The report's output formats, in one table: the command's --format accepts exactly the
// names listed here, and each entry renders a Dataset to the text of one file.
// Adding a format (computecompass, trend pages) is one entry and one renderer.

#include <string>
#include <string_view>
#include <vector>

#include "report/dataset.h"
#include "util/expected.h"

namespace report {

struct RenderOptions {
  // Reserved for --compare / --trend and other modes that change what is rendered.
  std::vector<std::string> journals;  // the --state paths, in order
};

using Renderer = util::Expected<std::string> (*)(const Dataset&, const RenderOptions&);

struct FormatEntry {
  const char* name;  // the --format value
  const char* summary;
  Renderer render;
};

const std::vector<FormatEntry>& Formats();
// The entry named `name`, or nullptr.
const FormatEntry* FindFormat(std::string_view name);
// "text, markdown, html, csv, json": for help and error messages.
std::string FormatNames();

util::Expected<std::string> RenderText(const Dataset& dataset, const RenderOptions& options);
util::Expected<std::string> RenderMarkdown(const Dataset& dataset, const RenderOptions& options);
util::Expected<std::string> RenderCsv(const Dataset& dataset, const RenderOptions& options);
util::Expected<std::string> RenderJson(const Dataset& dataset, const RenderOptions& options);
util::Expected<std::string> RenderHtml(const Dataset& dataset, const RenderOptions& options);

// The version of the JSON report's schema (docs/report.md); bumped when a field is renamed
// or removed or changes meaning.
inline constexpr int kJsonReportVersion = 1;
// The CSV's columns, in order (docs/report.md).
const std::vector<std::string>& CsvColumns();

}  // namespace report
