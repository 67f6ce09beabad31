#include "store/records.h"

#include "store/record_names.h"

namespace store {

using names::TextOf;
using names::ValueOf;

const char* ToString(AttemptState state) { return TextOf(names::kAttemptStates, state); }
const char* ToString(CampaignStatus status) { return TextOf(names::kCampaignStatuses, status); }
const char* ToString(SessionState state) { return TextOf(names::kSessionStates, state); }
const char* ToString(JobState state) { return TextOf(names::kJobStates, state); }
const char* ToString(AttemptOutcome outcome) { return TextOf(names::kOutcomes, outcome); }
const char* ToString(ResultStatus status) { return TextOf(names::kResultStatuses, status); }

std::optional<AttemptState> AttemptStateFromText(std::string_view text) {
  return ValueOf(names::kAttemptStates, text);
}
std::optional<CampaignStatus> CampaignStatusFromText(std::string_view text) {
  return ValueOf(names::kCampaignStatuses, text);
}
std::optional<SessionState> SessionStateFromText(std::string_view text) {
  return ValueOf(names::kSessionStates, text);
}
std::optional<JobState> JobStateFromText(std::string_view text) {
  return ValueOf(names::kJobStates, text);
}
std::optional<AttemptOutcome> AttemptOutcomeFromText(std::string_view text) {
  return ValueOf(names::kOutcomes, text);
}
std::optional<ResultStatus> ResultStatusFromText(std::string_view text) {
  return ValueOf(names::kResultStatuses, text);
}

std::optional<util::ErrorClass> ErrorClassFromText(std::string_view text) {
  for (util::ErrorClass error_class : names::kErrorClasses)
    if (text == util::ToString(error_class)) return error_class;
  return std::nullopt;
}

bool IsSettled(SessionState state) {
  return state == SessionState::kDone || state == SessionState::kUnscheduled ||
         state == SessionState::kCancelled || state == SessionState::kStopped;
}

bool IsFinal(JobState state) {
  return state == JobState::kSucceeded || state == JobState::kFailed || state == JobState::kSkipped;
}

}  // namespace store
