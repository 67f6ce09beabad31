#pragma once
// The one place that reads the journal's state fields (strings in journal schema 1) into
// report's enums. When the journal switches to enums, only states.cc changes.

#include <string_view>

#include "report/dataset.h"

namespace report {

CampaignStatus CampaignStatusFromJournal(std::string_view text);
JobState JobStateFromJournal(std::string_view text);
AttemptOutcome AttemptOutcomeFromJournal(std::string_view text);
RunStatus RunStatusFromText(std::string_view text);
Market MarketFromText(std::string_view text);

}  // namespace report
