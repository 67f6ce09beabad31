#pragma once
// --region for the commands that talk to a cloud without a plan (cleanup, catalog refresh):
// each name must be a region of the catalog, with "did you mean" for a near miss.

#include <string>
#include <vector>

#include "util/expected.h"

namespace cli {

util::Status CheckKnownRegions(const std::vector<std::string>& regions);

}  // namespace cli
