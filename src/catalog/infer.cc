#include "catalog/infer.h"

namespace catalog {

std::optional<TypeFacts> InferFacts(const TypeName& name) {
  auto vendor = VendorFromName(name);
  if (!vendor) return std::nullopt;
  TypeFacts facts;
  facts.inferred = true;
  facts.vendor = *vendor;
  facts.basis =
      std::string("suffix letter '") + name.attributes.front() + "' of family " + name.family;
  if (*vendor == Vendor::kAws) {
    facts.architecture = Architecture::kArm64;
    facts.isa = {"neon"};
  } else {
    facts.architecture = Architecture::kX86_64;
  }
  return facts;
}

util::Expected<TypeFacts> ResolveFacts(const Catalog& catalog, std::string_view type_name) {
  if (const InstanceType* known = catalog.Find(type_name)) {
    TypeFacts facts;
    facts.architecture = known->architecture;
    facts.vendor = known->vendor;
    facts.isa = known->isa;
    facts.basis = "catalog family " + known->family;
    return facts;
  }
  auto parsed = ParseTypeName(type_name);
  if (!parsed) return parsed.error();
  auto inferred = InferFacts(*parsed);
  if (!inferred) {
    return util::InvalidInput("instance type '" + std::string(type_name) +
                              "' is not in the catalog and its family '" + parsed->family +
                              "' has no vendor letter (a, g or i) to infer its architecture from; "
                              "add it with --catalog FILE");
  }
  return *inferred;
}

}  // namespace catalog
