#include "report/formats.h"

namespace report {

const std::vector<FormatEntry>& Formats() {
  static const std::vector<FormatEntry> kFormats = {
      {"text", "plain text tables, for a terminal", RenderText},
      {"markdown", "Markdown tables, for an issue or a wiki", RenderMarkdown},
      {"html", "one self-contained page with charts and sortable tables", RenderHtml},
      {"csv", "one row per type x variant x metric x labels (docs/report.md)", RenderCsv},
      {"json", "every section and figure, versioned schema (docs/report.md)", RenderJson},
  };
  return kFormats;
}

const FormatEntry* FindFormat(std::string_view name) {
  for (const FormatEntry& entry : Formats())
    if (name == entry.name) return &entry;
  return nullptr;
}

std::string FormatNames() {
  std::string names;
  for (const FormatEntry& entry : Formats())
    names += (names.empty() ? "" : ", ") + std::string(entry.name);
  return names;
}

}  // namespace report
