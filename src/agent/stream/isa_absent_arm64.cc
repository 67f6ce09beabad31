// An aarch64 build has no AVX kernels.
#include "agent/stream/kernels.h"

namespace agent::stream {
const KernelSet* Avx2Kernels() { return nullptr; }
const KernelSet* Avx512Kernels() { return nullptr; }
}  // namespace agent::stream
