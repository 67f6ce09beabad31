#pragma once
// Architecture, vendor and ISA of an instance type. The catalog's facts come first; for a
// type the catalog does not know, the suffix letter of the family token is a fallback
// (a = AMD, g = AWS Graviton, i = Intel; docs/catalog.md) and the result says it was inferred.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/instance_type.h"
#include "catalog/name.h"
#include "util/expected.h"

namespace catalog {

struct TypeFacts {
  Architecture architecture = Architecture::kX86_64;
  Vendor vendor = Vendor::kIntel;
  std::vector<std::string> isa;  // sorted; only what the basis guarantees
  bool inferred = false;         // true when the facts come from the name, not the catalog
  std::string basis;             // "catalog family m7a" or "suffix letter 'g' of family c9g"
};

// Facts guessed from the name alone, or nothing when the name carries no vendor letter
// (m5, p4d, u-6tb1). Only Neon is claimed for Graviton, because every Graviton generation
// has it; no x86 ISA is claimed, because x86 generations differ (AVX-512 comes and goes).
std::optional<TypeFacts> InferFacts(const TypeName& name);

// The catalog's facts for `type_name`, else InferFacts. An error names the type when the
// name is malformed or says nothing about its vendor.
util::Expected<TypeFacts> ResolveFacts(const Catalog& catalog, std::string_view type_name);

}  // namespace catalog
