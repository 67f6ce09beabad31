#pragma once
// Transparent huge pages for benchmark buffers: asking for them, and checking from
// /proc/self/smaps how much of a buffer the kernel actually backed with them.

#include <cstddef>
#include <utility>
#include <vector>

namespace agent {

// madvise(MADV_HUGEPAGE) over [address, address + bytes), trimmed inwards to whole
// 4 KiB pages as madvise requires. Returns false when the kernel refused (for example
// THP compiled out); the buffer stays usable with 4 KiB pages either way.
bool AdviseHugePages(void* address, std::size_t bytes);

// AnonHugePages summed over every mapping that overlaps one of the ranges, each mapping
// counted once (the kernel may merge neighbouring buffers into one mapping). -1 when
// /proc/self/smaps cannot be read.
using AddressRange = std::pair<const void*, std::size_t>;  // start, bytes
long long HugePageBytes(const std::vector<AddressRange>& ranges);

}  // namespace agent
