#pragma once
// The tags every instance of a campaign carries. The executor decides them (LaunchRequest's
// tags); each provider applies them as given and reports them back in InstanceInfo, so a
// tag added here reaches every backend. `abc:campaign` is what Reconcile and cleanup search
// by: an instance that carries it is either adopted or terminated.

#include <map>
#include <string>

#include "store/sqlite.h"
#include "util/expected.h"

namespace cloud::tag {

inline constexpr const char* kCampaign = "abc:campaign";
inline constexpr const char* kSession = "abc:session";
inline constexpr const char* kAttempt = "abc:attempt";
// When the instance shuts itself down (ISO 8601 UTC): a human reading the console, or a
// sweep that finds no journal, knows how long it may live.
inline constexpr const char* kExpiresAt = "abc:expires-at";
inline constexpr const char* kName = "Name";  // what the EC2 console shows

using Tags = std::map<std::string, std::string>;

// One "key<TAB>value" line per tag, for the providers' own state files.
std::string ToText(const Tags& tags);
Tags FromText(const std::string& text);

// State files written before tags were stored lack the `tags` column of `table`: adds it
// (empty), so that rows read back fall back to the tags their other columns imply.
util::Status EnsureTagsColumn(store::Database& db, const std::string& table);

}  // namespace cloud::tag
