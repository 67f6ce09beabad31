#pragma once
// What a "stray" instance is, in one place for Reconcile and `cleanup`: an instance that
// carries the campaign's tag, is still alive, and that the journal does not account for.
// The journal accounts for an instance when its client token belongs to an attempt that is
// still an intent (its launch may have gone through: Reconcile adopts it) or that runs as
// this very instance. Everything else (no attempt, or an attempt already closed: failed,
// expired, cancelled, ended or declared lost) is a stray and is terminated.

#include <string>
#include <vector>

#include "cloud/provider.h"
#include "store/records.h"

namespace exec {

// `attempt` is the attempt holding `instance`'s client token, or nullptr.
bool IsStray(const cloud::InstanceInfo& instance, const store::AttemptRow* attempt);

// The ids of the strays among `tagged` (instances found by the campaign tag).
std::vector<std::string> StrayIds(const std::vector<cloud::InstanceInfo>& tagged,
                                  const std::vector<store::AttemptRow>& attempts);

}  // namespace exec
