#include "report/table_builder.h"

namespace report {

Table MakeTable(std::string id, std::string title, const std::vector<std::string>& columns) {
  Table table;
  table.id = std::move(id);
  table.title = std::move(title);
  for (const std::string& column : columns) {
    const bool right = !column.empty() && column[0] == '>';
    table.header.push_back(right ? column.substr(1) : column);
    table.align.push_back(right ? Align::kRight : Align::kLeft);
  }
  return table;
}

void Tally::Add(const std::string& key, int count) {
  for (auto& entry : entries_) {
    if (entry.first == key) {
      entry.second += count;
      return;
    }
  }
  entries_.emplace_back(key, count);
}

}  // namespace report
