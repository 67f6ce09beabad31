#include "cloud/provider.h"

namespace cloud {

const char* ToString(InstanceState state) {
  switch (state) {
    case InstanceState::kPending:
      return "pending";
    case InstanceState::kRunning:
      return "running";
    case InstanceState::kShuttingDown:
      return "shutting-down";
    case InstanceState::kTerminated:
      return "terminated";
    case InstanceState::kStopped:
      return "stopped";
  }
  return "unknown";
}

}  // namespace cloud
