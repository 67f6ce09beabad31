#include "util/error.h"

namespace util {

const char* ToString(ErrorClass error_class) {
  switch (error_class) {
    case ErrorClass::kInvalidInput:
      return "invalid-input";
    case ErrorClass::kNotFound:
      return "not-found";
    case ErrorClass::kIo:
      return "io";
    case ErrorClass::kCapacity:
      return "capacity";
    case ErrorClass::kQuota:
      return "quota";
    case ErrorClass::kThrottling:
      return "throttling";
    case ErrorClass::kFatal:
      return "fatal";
    case ErrorClass::kInterrupted:
      return "interrupted";
    case ErrorClass::kTimeout:
      return "timeout";
    case ErrorClass::kInternal:
      return "internal";
    case ErrorClass::kEventualConsistency:
      return "eventual-consistency";
    case ErrorClass::kTransient:
      return "transient";
  }
  return "unknown";
}

}  // namespace util
