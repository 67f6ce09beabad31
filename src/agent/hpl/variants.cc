#include "agent/hpl/variants.h"

namespace agent::hpl {

// Placeholder: the hpl family's owner replaces this body with its variants.
void AddVariants(VariantList&) {}

}  // namespace agent::hpl
