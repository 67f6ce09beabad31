#pragma once
// The STREAM family's variants beyond the four-kernel runs.

#include <memory>

#include "agent/variant.h"

namespace agent::stream {

// stream-cache: triad bandwidth against working-set size, L1 -> DRAM.
std::unique_ptr<Variant> MakeCacheVariant();
// stream-prefetch: sequential vs strided vs random line order over the same bytes.
std::unique_ptr<Variant> MakePrefetchVariant();
// stream-numa: threads on one node, memory on each node (libnuma); skipped on one node.
std::unique_ptr<Variant> MakeNumaVariant();

}  // namespace agent::stream
