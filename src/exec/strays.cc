#include "exec/strays.h"

#include <map>

namespace exec {

bool IsStray(const cloud::InstanceInfo& instance, const store::AttemptRow* attempt) {
  bool alive = instance.state != cloud::InstanceState::kTerminated &&
               instance.state != cloud::InstanceState::kShuttingDown;
  if (!alive) return false;
  return attempt == nullptr ||
         !(attempt->state == store::AttemptState::kRunning && attempt->instance_id == instance.id);
}

std::vector<std::string> StrayIds(const std::vector<cloud::InstanceInfo>& tagged,
                                  const std::vector<store::AttemptRow>& attempts) {
  std::map<std::string, const store::AttemptRow*> by_token;
  for (const store::AttemptRow& attempt : attempts) by_token[attempt.client_token] = &attempt;
  std::vector<std::string> ids;
  for (const cloud::InstanceInfo& instance : tagged) {
    auto found = by_token.find(instance.client_token);
    if (IsStray(instance, found == by_token.end() ? nullptr : found->second)) {
      ids.push_back(instance.id);
    }
  }
  return ids;
}

}  // namespace exec
