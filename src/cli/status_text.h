#pragma once
// The first line `status` prints for a campaign.

#include <string>

namespace cli {

// "campaign ID (STATUS) on BACKEND", and for a simulated backend a reminder that its results
// are logistics only.
std::string FormatStatusHeading(const std::string& id, const std::string& status,
                                const std::string& backend, bool simulated);

}  // namespace cli
