#pragma once
// Reading the catalog document format (docs/catalog.md).

#include <map>
#include <string>
#include <string_view>

#include "catalog/instance_type.h"
#include "util/expected.h"

namespace catalog {

util::Status ParseCatalogJson(std::string_view text, const std::string& origin,
                              std::map<std::string, InstanceType>& types,
                              std::map<std::string, RegionInfo>& regions,
                              std::map<std::string, Source>& sources, std::string& snapshot_date);

}  // namespace catalog
