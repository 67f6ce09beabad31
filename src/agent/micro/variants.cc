#include "agent/micro/variants.h"

namespace agent::micro {

// Placeholder: the micro family's owner replaces this body with its variants.
void AddVariants(VariantList&) {}

}  // namespace agent::micro
