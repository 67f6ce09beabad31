#include "report/states.h"

namespace report {

RunStatus RunStatusOfDocument(std::string_view text) {
  return store::ResultStatusFromText(text).value_or(RunStatus::kFailed);
}

Market MarketFromText(std::string_view text) {
  if (text == "on-demand") return Market::kOnDemand;
  if (text == "spot") return Market::kSpot;
  return Market::kUnknown;
}

const char* ToString(Market market) {
  switch (market) {
    case Market::kOnDemand:
      return "on-demand";
    case Market::kSpot:
      return "spot";
    case Market::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace report
