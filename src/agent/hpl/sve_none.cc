// Architectures without SVE: the built-in BLAS has no SVE kernel here.

#include "agent/hpl/builtin_blas.h"

namespace agent::hpl {

KernelShape SveKernel() { return {}; }

}  // namespace agent::hpl
