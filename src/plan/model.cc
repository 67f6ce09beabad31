#include "plan/model.h"

namespace plan {

const char* ToString(Market market) { return market == Market::kSpot ? "spot" : "on-demand"; }

const char* ToString(Category category) {
  switch (category) {
    case Category::kMemory:
      return "memory";
    case Category::kCompute:
      return "compute";
    case Category::kLibrary:
      return "library";
    case Category::kMicro:
      return "micro";
  }
  return "unknown";
}

}  // namespace plan
