#include "cli/status_text.h"

namespace cli {

std::string FormatStatusHeading(const std::string& id, const std::string& status,
                                const std::string& backend, bool simulated) {
  std::string line = "campaign " + id + " (" + status + ") on " + backend;
  if (simulated) line += ", simulated: logistics only, no measured numbers";
  return line;
}

}  // namespace cli
