// An x86-64 build has no NEON kernels.
#include "agent/stream/kernels.h"

namespace agent::stream {
const KernelSet* NeonKernels() { return nullptr; }
}  // namespace agent::stream
