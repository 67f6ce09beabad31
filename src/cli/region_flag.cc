#include "cli/region_flag.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "util/strings.h"

namespace cli {

util::Status CheckKnownRegions(const std::vector<std::string>& regions) {
  if (regions.empty()) return util::InvalidInput("--region: no region given (e.g. us-east-1)");
  auto catalog = catalog::Catalog::Load("");
  if (!catalog) return catalog.error();
  std::vector<std::string> known = catalog->RegionNames();
  for (const std::string& region : regions) {
    if (std::find(known.begin(), known.end(), region) == known.end()) {
      return util::InvalidInput("--region: unknown region '" + region + "'" +
                                util::DidYouMean(region, known) + " (accepted: e.g. us-east-1)");
    }
  }
  return {};
}

}  // namespace cli
