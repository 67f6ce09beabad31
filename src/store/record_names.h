#pragma once
// The text of every state and reason in the journal: one table per enum that both
// directions use (ToString for writing and output, FromText for reading). Internal to store:
// records.cc gives the public conversions, journal.cc reads rows with them.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "store/records.h"
#include "util/error.h"

namespace store::names {

template <typename Enum>
using Name = std::pair<Enum, const char*>;

constexpr std::array<Name<AttemptState>, 4> kAttemptStates = {{
    {AttemptState::kIntent, "intent"},
    {AttemptState::kRunning, "running"},
    {AttemptState::kEnded, "ended"},
    {AttemptState::kFailed, "failed"},
}};
constexpr std::array<Name<CampaignStatus>, 5> kCampaignStatuses = {{
    {CampaignStatus::kPending, "pending"},
    {CampaignStatus::kRunning, "running"},
    {CampaignStatus::kCompleted, "completed"},
    {CampaignStatus::kCancelled, "cancelled"},
    {CampaignStatus::kStopped, "stopped"},
}};
constexpr std::array<Name<SessionState>, 7> kSessionStates = {{
    {SessionState::kPending, "pending"},
    {SessionState::kLaunching, "launching"},
    {SessionState::kRunning, "running"},
    {SessionState::kDone, "done"},
    {SessionState::kUnscheduled, "unscheduled"},
    {SessionState::kCancelled, "cancelled"},
    {SessionState::kStopped, "stopped"},
}};
constexpr std::array<Name<JobState>, 7> kJobStates = {{
    {JobState::kPending, "pending"},
    {JobState::kRunning, "running"},
    {JobState::kSucceeded, "succeeded"},
    {JobState::kFailed, "failed"},
    {JobState::kSkipped, "skipped"},
    {JobState::kUnscheduled, "unscheduled"},
    {JobState::kCancelled, "cancelled"},
}};
constexpr std::array<Name<AttemptOutcome>, 8> kOutcomes = {{
    {AttemptOutcome::kNone, ""},
    {AttemptOutcome::kCompleted, "completed"},
    {AttemptOutcome::kInterrupted, "interrupted"},
    {AttemptOutcome::kDeadline, "deadline"},
    {AttemptOutcome::kCancelled, "cancelled"},
    {AttemptOutcome::kLaunchError, "launch-error"},
    {AttemptOutcome::kExpired, "expired"},
    {AttemptOutcome::kLost, "lost"},
}};
constexpr std::array<Name<ResultStatus>, 4> kResultStatuses = {{
    {ResultStatus::kOk, "ok"},
    {ResultStatus::kFailed, "failed"},
    {ResultStatus::kSkipped, "skipped"},
    {ResultStatus::kInterrupted, "interrupted"},
}};
// The error classes a launch error may record; their text is util::ToString's.
constexpr std::array<util::ErrorClass, 12> kErrorClasses = {
    util::ErrorClass::kInvalidInput,
    util::ErrorClass::kNotFound,
    util::ErrorClass::kIo,
    util::ErrorClass::kCapacity,
    util::ErrorClass::kQuota,
    util::ErrorClass::kThrottling,
    util::ErrorClass::kFatal,
    util::ErrorClass::kInterrupted,
    util::ErrorClass::kTimeout,
    util::ErrorClass::kInternal,
    util::ErrorClass::kEventualConsistency,
    util::ErrorClass::kTransient,
};

template <typename Enum, size_t N>
inline const char* TextOf(const std::array<Name<Enum>, N>& names, Enum value) {
  for (const auto& [entry, text] : names)
    if (entry == value) return text;
  return "?";
}

template <typename Enum, size_t N>
inline std::optional<Enum> ValueOf(const std::array<Name<Enum>, N>& names, std::string_view text) {
  for (const auto& [entry, name] : names)
    if (text == name) return entry;
  return std::nullopt;
}

template <typename Enum, size_t N>
inline std::string Accepted(const std::array<Name<Enum>, N>& names) {
  std::string out;
  for (const auto& [entry, name] : names) {
    out += out.empty() ? "" : ", ";
    out += *name ? name : "(empty)";
  }
  return out;
}

}  // namespace store::names
