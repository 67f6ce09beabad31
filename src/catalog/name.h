#pragma once
// Parsing of EC2 instance-type names: "m7i-flex.large", "c7gn.xlarge",
// "r7iz.metal-16xl", "x2iedn.32xlarge", "u-6tb1.metal".

#include <optional>
#include <string>
#include <string_view>

#include "catalog/instance_type.h"
#include "util/expected.h"

namespace catalog {

struct TypeName {
  std::string family;  // "m7i-flex", "c7gn", "u-6tb1"
  std::string series;  // "m", "c", "x", "u"
  int generation = 0;  // 7, 2, 1
  std::string
      attributes;    // letters after the generation: "i", "gn", "iedn", "" ; "-flex" kept in family
  std::string size;  // "large", "32xlarge", "metal", "metal-16xl"
};

util::Expected<TypeName> ParseTypeName(std::string_view name);

// Relative order of sizes: nano < micro < small < medium < large < xlarge < 2xlarge < ...
// < metal. Unknown sizes sort last.
int SizeRank(std::string_view size);

// Size wave (docs/planning.md, "Size waves"): 1 = large and smaller, 2 = xlarge, 3 = 2xlarge, 4 =
// 4xlarge+.
int SizeWave(std::string_view size);

// Fallback for types the catalog does not know: the first attribute letter
// (a = AMD, g = Graviton, i = Intel). Returns nothing when the name does not say.
std::optional<Vendor> VendorFromName(const TypeName& name);

}  // namespace catalog
