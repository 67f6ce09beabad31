#pragma once
// The instance catalog: the embedded snapshot, optionally overridden by a user file in
// the same format (docs/catalog.md).

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/instance_type.h"
#include "util/expected.h"

namespace catalog {

class Catalog {
 public:
  // Parses a catalog document. `origin` names the file in error messages.
  static util::Expected<Catalog> FromJson(std::string_view text, const std::string& origin);
  // The snapshot compiled into the binary (data/catalog.json).
  static util::Expected<Catalog> Embedded();
  // Embedded, then the user file at `path` on top when `path` is not empty.
  static util::Expected<Catalog> Load(const std::string& user_catalog_path);

  // Types, families, regions and sources of `overrides` replace or add to this catalog's.
  void Merge(const Catalog& overrides);

  const InstanceType* Find(std::string_view name) const;
  const RegionInfo* Region(std::string_view name) const;
  // Types of one family, smallest first.
  std::vector<const InstanceType*> TypesOfFamily(std::string_view family) const;

  std::vector<std::string> TypeNames() const;
  std::vector<std::string> FamilyNames() const;
  std::vector<std::string> RegionNames() const;
  const std::map<std::string, InstanceType>& types() const { return types_; }
  const std::map<std::string, Source>& sources() const { return sources_; }
  const std::string& snapshot_date() const { return snapshot_date_; }

 private:
  std::map<std::string, InstanceType> types_;
  std::map<std::string, RegionInfo> regions_;
  std::map<std::string, Source> sources_;
  std::string snapshot_date_;
};

}  // namespace catalog
