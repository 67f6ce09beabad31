#pragma once
// A recoverable error: a typed class that callers branch on, the provider's own code
// (for AWS errors) and a message meant for the user.

#include <string>

namespace util {

enum class ErrorClass {
  kInvalidInput,  // the user's input is wrong: exit status 2
  kNotFound,
  kIo,
  kCapacity,     // the cloud has no capacity for this type/AZ/market
  kQuota,        // a vCPU or other quota is exhausted
  kThrottling,   // API rate limit; retry with backoff and the same token
  kFatal,        // auth, invalid parameter: stop the campaign
  kInterrupted,  // spot interruption, signal
  kTimeout,
  kInternal,
  // A resource the cloud just created is not visible yet (InvalidInstanceID.NotFound right
  // after RunInstances): retry the same read shortly.
  kEventualConsistency,
  // An error the provider did not classify (unknown code, 5xx): retry a bounded number of times.
  kTransient,
};

const char* ToString(ErrorClass error_class);

struct Error {
  ErrorClass error_class = ErrorClass::kInternal;
  std::string message;
  std::string code;  // the provider's own code, e.g. "InsufficientInstanceCapacity"
};

inline Error MakeError(ErrorClass error_class, std::string message, std::string code = {}) {
  return Error{error_class, std::move(message), std::move(code)};
}

inline Error InvalidInput(std::string message) {
  return MakeError(ErrorClass::kInvalidInput, std::move(message));
}

}  // namespace util
