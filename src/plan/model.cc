#include "plan/model.h"

namespace plan {

const char* ToString(Market market) { return market == Market::kSpot ? "spot" : "on-demand"; }

}  // namespace plan
