#include "report/states.h"

#include <array>
#include <utility>

namespace report {
namespace {

template <typename Enum, size_t N>
Enum Lookup(const std::array<std::pair<const char*, Enum>, N>& table, std::string_view text,
            Enum unknown) {
  for (const auto& [name, value] : table)
    if (text == name) return value;
  return unknown;
}

template <typename Enum, size_t N>
const char* Name(const std::array<std::pair<const char*, Enum>, N>& table, Enum value) {
  for (const auto& [name, entry] : table)
    if (entry == value) return name;
  return "unknown";
}

constexpr std::array<std::pair<const char*, CampaignStatus>, 5> kCampaignStatuses = {{
    {"pending", CampaignStatus::kPending},
    {"running", CampaignStatus::kRunning},
    {"completed", CampaignStatus::kCompleted},
    {"cancelled", CampaignStatus::kCancelled},
    {"stopped", CampaignStatus::kStopped},
}};

constexpr std::array<std::pair<const char*, JobState>, 7> kJobStates = {{
    {"pending", JobState::kPending},
    {"running", JobState::kRunning},
    {"succeeded", JobState::kSucceeded},
    {"failed", JobState::kFailed},
    {"skipped", JobState::kSkipped},
    {"unscheduled", JobState::kUnscheduled},
    {"cancelled", JobState::kCancelled},
}};

constexpr std::array<std::pair<const char*, AttemptOutcome>, 8> kOutcomes = {{
    {"", AttemptOutcome::kNone},
    {"completed", AttemptOutcome::kCompleted},
    {"interrupted", AttemptOutcome::kInterrupted},
    {"deadline", AttemptOutcome::kDeadline},
    {"cancelled", AttemptOutcome::kCancelled},
    {"launch-error", AttemptOutcome::kLaunchError},
    {"expired", AttemptOutcome::kExpired},
    {"lost", AttemptOutcome::kLost},
}};

constexpr std::array<std::pair<const char*, RunStatus>, 4> kRunStatuses = {{
    {"ok", RunStatus::kOk},
    {"skipped", RunStatus::kSkipped},
    {"failed", RunStatus::kFailed},
    {"interrupted", RunStatus::kInterrupted},
}};

constexpr std::array<std::pair<const char*, Market>, 2> kMarkets = {{
    {"on-demand", Market::kOnDemand},
    {"spot", Market::kSpot},
}};

}  // namespace

CampaignStatus CampaignStatusFromJournal(std::string_view text) {
  return Lookup(kCampaignStatuses, text, CampaignStatus::kUnknown);
}
JobState JobStateFromJournal(std::string_view text) {
  return Lookup(kJobStates, text, JobState::kUnknown);
}
AttemptOutcome AttemptOutcomeFromJournal(std::string_view text) {
  return Lookup(kOutcomes, text, AttemptOutcome::kUnknown);
}
RunStatus RunStatusFromText(std::string_view text) {
  return Lookup(kRunStatuses, text, RunStatus::kUnknown);
}
Market MarketFromText(std::string_view text) { return Lookup(kMarkets, text, Market::kUnknown); }

const char* ToString(CampaignStatus status) { return Name(kCampaignStatuses, status); }
const char* ToString(JobState state) { return Name(kJobStates, state); }
const char* ToString(AttemptOutcome outcome) {
  return outcome == AttemptOutcome::kNone ? "none" : Name(kOutcomes, outcome);
}
const char* ToString(RunStatus status) { return Name(kRunStatuses, status); }
const char* ToString(Market market) { return Name(kMarkets, market); }

}  // namespace report
