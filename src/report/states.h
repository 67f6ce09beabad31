#pragma once
// Text a report reads from result documents (not from the journal, whose rows carry the
// store enums already) turned into enums.

#include <string_view>

#include "report/dataset.h"

namespace report {

// A benchmark's status in a document. Text the agent's schema does not know counts as
// failed, as the executor records it (exec/poll.cc).
RunStatus RunStatusOfDocument(std::string_view text);
Market MarketFromText(std::string_view text);

}  // namespace report
