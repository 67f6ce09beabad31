#include "report/type_names.h"

#include "catalog/name.h"

namespace report {

std::string FamilyOf(const std::string& type) {
  auto name = catalog::ParseTypeName(type);
  return name ? name->family : type;
}

std::string SizeOf(const std::string& type) {
  auto name = catalog::ParseTypeName(type);
  return name ? name->size : std::string{};
}

int SizeRankOf(const std::string& type) { return catalog::SizeRank(SizeOf(type)); }

}  // namespace report
