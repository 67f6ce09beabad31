#include "catalog/catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog_json.h"
#include "catalog/embedded_catalog.h"
#include "catalog/name.h"
#include "util/files.h"

namespace catalog {

util::Expected<Catalog> Catalog::FromJson(std::string_view text, const std::string& origin) {
  Catalog catalog;
  auto status = ParseCatalogJson(text, origin, catalog.types_, catalog.regions_, catalog.sources_,
                                 catalog.snapshot_date_);
  if (!status) return status.error();
  return catalog;
}

util::Expected<Catalog> Catalog::Embedded() {
  return FromJson(EmbeddedCatalogJson(), "embedded catalog");
}

util::Expected<Catalog> Catalog::Load(const std::string& user_catalog_path) {
  auto catalog = Embedded();
  if (!catalog || user_catalog_path.empty()) return catalog;
  auto text = util::ReadFile(user_catalog_path);
  if (!text) {
    return util::InvalidInput("--catalog: " + text.error().message);
  }
  auto user = FromJson(*text, user_catalog_path);
  if (!user) return user.error();
  catalog->Merge(*user);
  return catalog;
}

void Catalog::Merge(const Catalog& overrides) {
  for (const auto& [name, type] : overrides.types_) types_[name] = type;
  for (const auto& [name, region] : overrides.regions_) regions_[name] = region;
  for (const auto& [name, source] : overrides.sources_) sources_[name] = source;
  if (!overrides.snapshot_date_.empty()) snapshot_date_ = overrides.snapshot_date_;
}

const InstanceType* Catalog::Find(std::string_view name) const {
  auto it = types_.find(std::string(name));
  return it == types_.end() ? nullptr : &it->second;
}

const RegionInfo* Catalog::Region(std::string_view name) const {
  auto it = regions_.find(std::string(name));
  return it == regions_.end() ? nullptr : &it->second;
}

std::vector<const InstanceType*> Catalog::TypesOfFamily(std::string_view family) const {
  std::vector<const InstanceType*> members;
  for (const auto& [name, type] : types_) {
    if (type.family == family) members.push_back(&type);
  }
  std::sort(members.begin(), members.end(), [](const InstanceType* a, const InstanceType* b) {
    int rank_a = SizeRank(a->size), rank_b = SizeRank(b->size);
    if (rank_a != rank_b) return rank_a < rank_b;
    if (a->vcpus != b->vcpus) return a->vcpus < b->vcpus;
    return a->name < b->name;
  });
  return members;
}

std::vector<std::string> Catalog::TypeNames() const {
  std::vector<std::string> names;
  for (const auto& [name, type] : types_) names.push_back(name);
  return names;
}

std::vector<std::string> Catalog::FamilyNames() const {
  std::vector<std::string> names;
  for (const auto& [name, type] : types_) {
    if (names.empty() || names.back() != type.family) names.push_back(type.family);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> Catalog::RegionNames() const {
  std::vector<std::string> names;
  for (const auto& [name, region] : regions_) names.push_back(name);
  return names;
}

bool InstanceType::HasIsa(std::string_view feature) const {
  return std::find(isa.begin(), isa.end(), feature) != isa.end();
}

const Price* InstanceType::OnDemandPrice(std::string_view region) const {
  auto it = on_demand.find(std::string(region));
  return it == on_demand.end() ? nullptr : &it->second;
}

const char* ToString(Architecture architecture) {
  return architecture == Architecture::kArm64 ? "arm64" : "x86_64";
}

const char* ToString(PriceBasis basis) {
  return basis == PriceBasis::kDerived ? "derived" : "copied";
}

const char* ToString(Vendor vendor) {
  switch (vendor) {
    case Vendor::kIntel:
      return "intel";
    case Vendor::kAmd:
      return "amd";
    case Vendor::kAws:
      return "aws";
  }
  return "unknown";
}

}  // namespace catalog
