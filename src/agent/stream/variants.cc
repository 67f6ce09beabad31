#include "agent/stream/variants.h"

namespace agent::stream {

void AddVariants(VariantList&) {}

}  // namespace agent::stream
