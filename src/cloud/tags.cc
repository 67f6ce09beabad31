#include "cloud/tags.h"

#include "util/strings.h"

namespace cloud::tag {

std::string ToText(const Tags& tags) {
  std::string text;
  for (const auto& [key, value] : tags) text += key + "\t" + value + "\n";
  return text;
}

Tags FromText(const std::string& text) {
  Tags tags;
  for (const std::string& line : util::Split(text, '\n')) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) tags[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return tags;
}

util::Status EnsureTagsColumn(store::Database& db, const std::string& table) {
  if (db.Prepare("SELECT tags FROM " + table + " LIMIT 0")) return {};
  return db.Exec("ALTER TABLE " + table + " ADD COLUMN tags TEXT NOT NULL DEFAULT ''");
}

}  // namespace cloud::tag
