#pragma once
// The stream family's variants (docs/methodology.md).

#include "agent/registry.h"

namespace agent::stream {

// Appends this family's variants to the registry, in the order `list` shows them.
void AddVariants(VariantList& list);

}  // namespace agent::stream
