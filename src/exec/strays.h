#pragma once
// What a "stray" instance is, in one place for Reconcile and `cleanup`: an instance that
// carries the campaign's tag, is still alive, and that no running attempt of the journal
// records. An instance whose token belongs to an attempt that is still an intent (its launch
// went through unrecorded) is adopted by Reconcile before this check, so a controller keeps
// it; `cleanup`, with no controller to watch it, terminates it like any other stray. Every
// other instance (no attempt, or one already closed: failed, expired, cancelled, ended,
// declared lost) is terminated by both.

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
