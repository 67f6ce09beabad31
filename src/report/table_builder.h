#pragma once
// Small helpers to build a report::Table column by column.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "report/model.h"

namespace report {

// Columns given as "name" (left) or ">name" (right-aligned, numbers).
Table MakeTable(std::string id, std::string title, const std::vector<std::string>& columns);

// Counts of text keys, in first-seen order.
class Tally {
 public:
  void Add(const std::string& key, int count = 1);
  const std::vector<std::pair<std::string, int>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, int>> entries_;
};

}  // namespace report
