#pragma once
// CampaignSpec <-> JSON. The plan file embeds the spec (plan_json.h) and the journal
// stores it on its own; both use this one format (docs/plan-schema.md, "spec").

#include <string>
#include <string_view>

#include "plan/spec.h"
#include "util/expected.h"

namespace util {
class JsonReader;
}

namespace plan {

class JsonWriter;

// The spec as a JSON document; the same spec always gives the same bytes.
std::string WriteSpecJson(const Spec& spec);
// Fails with kInvalidInput and one message "origin: field: what is wrong".
util::Expected<Spec> LoadSpecJson(std::string_view text, const std::string& origin);

// The building blocks, for documents that embed a spec.
void WriteSpec(JsonWriter& writer, const Spec& spec);
Spec ReadSpec(util::JsonReader& reader);  // throws util::JsonFieldError (util/json_reader.h)

// The zone in which the spec's start is written: --timezone when it is a known zone,
// else UTC (an empty string).
std::string SpecStartZone(const Spec& spec);
// ISO 8601 in `zone`, or in UTC ("...Z") when `zone` is empty. `zone` must be empty or
// a known zone (util::CheckTimeZone); callers check each zone once, not per instant.
std::string FormatInstant(util::TimePoint instant, const std::string& zone);

}  // namespace plan
