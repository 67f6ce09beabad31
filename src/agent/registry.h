#pragma once
// Every variant of every family, in a fixed order (stream, hpl, micro).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/variant.h"
#include "util/expected.h"

namespace agent {

using VariantList = std::vector<std::unique_ptr<Variant>>;

const VariantList& AllVariants();
const Variant* FindVariant(std::string_view name);

// Resolves the NAMEs of `run`: a variant name selects exactly that variant; a family
// name that is not also a variant name ("micro") selects the family; no names select
// every variant. An unknown name is kInvalidInput naming it, with a did-you-mean hint.
util::Expected<std::vector<const Variant*>> SelectVariants(const std::vector<std::string>& names);

}  // namespace agent
