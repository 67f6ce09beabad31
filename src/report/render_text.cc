// Text and Markdown: the same sections and tables, laid out for a terminal or for Markdown.
#include <algorithm>

#include "report/formats.h"
#include "report/model.h"

namespace report {
namespace {

std::string Pad(const std::string& text, size_t width, Align align) {
  const size_t fill = width > text.size() ? width - text.size() : 0;
  return align == Align::kRight ? std::string(fill, ' ') + text : text + std::string(fill, ' ');
}

std::vector<size_t> Widths(const Table& table) {
  std::vector<size_t> widths;
  for (const std::string& h : table.header) widths.push_back(h.size());
  for (const auto& row : table.rows)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  return widths;
}

std::string TextLine(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                     const std::vector<Align>& align) {
  std::string line = " ";
  for (size_t i = 0; i < cells.size(); ++i) line += " " + Pad(cells[i], widths[i], align[i]);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

}  // namespace

std::string TextTable(const Table& table) {
  std::string out = table.title.empty() ? "" : "  " + table.title + "\n";
  const auto widths = Widths(table);
  out += TextLine(table.header, widths, table.align);
  for (const auto& row : table.rows) out += TextLine(row, widths, table.align);
  return out + "\n";
}

namespace {

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string MarkdownTable(const Table& table) {
  std::string out = table.title.empty() ? "" : "**" + table.title + "**\n\n";
  out += "|";
  for (const auto& h : table.header) out += " " + MarkdownCell(h) + " |";
  out += "\n|";
  for (Align a : table.align) out += a == Align::kRight ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + MarkdownCell(cell) + " |";
    out += "\n";
  }
  return out + "\n";
}

namespace {

std::string Campaigns(const Dataset& d, bool markdown) {
  std::string out;
  for (const Campaign& c : d.campaigns)
    out += (markdown ? "- `" : "  ") + c.label + (markdown ? "`" : "") + ": " + c.path +
           " (campaign " + c.id + ", backend " + c.backend + ")\n";
  return out;
}

}  // namespace

util::Expected<std::string> RenderText(const Dataset& dataset, const RenderOptions&) {
  Report report = BuildReport(dataset);
  std::string out = "Benchmark report\n" + Campaigns(dataset, false) + "\n";
  for (const Section& section : report.sections) {
    out += section.title + "\n" + std::string(section.title.size(), '=') + "\n";
    for (const std::string& note : section.notes) out += "  note: " + note + "\n";
    if (!section.notes.empty()) out += "\n";
    for (const Table& table : section.tables) out += TextTable(table);
  }
  return out;
}

util::Expected<std::string> RenderMarkdown(const Dataset& dataset, const RenderOptions&) {
  Report report = BuildReport(dataset);
  std::string out = "# Benchmark report\n\n" + Campaigns(dataset, true) + "\n";
  for (const Section& section : report.sections) {
    out += "## " + section.title + "\n\n";
    for (const std::string& note : section.notes) out += "> " + note + "\n>\n";
    if (!section.notes.empty()) {
      out.resize(out.size() - 2);
      out += "\n";
    }
    for (const Table& table : section.tables) out += MarkdownTable(table);
  }
  return out;
}

}  // namespace report
