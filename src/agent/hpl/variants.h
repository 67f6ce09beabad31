#pragma once
// The hpl family's variants (DESIGN.md §7).

#include "agent/registry.h"

namespace agent::hpl {

// Appends this family's variants to the registry, in the order `list` shows them.
void AddVariants(VariantList& list);

}  // namespace agent::hpl
