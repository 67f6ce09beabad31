#pragma once
// One table of the campaign spec's numeric fields: the flag and the spec-file key that set
// each, the range it accepts, and how it is read from and written to a Spec. The flags
// (cli/spec_flags), the spec JSON loader (plan/spec_json) and the planner (ValidateSpec)
// all check through this table, so a value one of them accepts the others accept too, with
// the same meaning. Defaults live once, in plan/spec.h; the flags show them from there.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/spec.h"
#include "util/expected.h"

namespace plan {

// Where a value came from, so an error names what the user wrote.
enum class FieldSource { kFlag, kJson };

struct SpecField {
  std::string_view flag;      // "--days"; empty for a field only a spec file sets
  std::string_view json_key;  // key in the spec object, or in its "cost" object
  bool in_cost;               // the key lives in "cost" (CostModel)
  bool whole;                 // whole numbers only (in the spec's unit)
  double min;
  bool min_exclusive;  // (min, max] rather than [min, max]
  double max;
  // The flag's value times this is the spec's value: --max-session-hours is in hours,
  // the spec's max_session_s in seconds.
  double flag_scale;
  std::optional<double> (*get)(const Spec&);  // nullopt: not set (an absent --max-cost)
  void (*set)(Spec&, double);
};

const std::vector<SpecField>& SpecFields();
// The field with this flag or JSON key; nullptr when none.
const SpecField* FindSpecField(std::string_view flag_or_key);

// The spec's value is inside the field's range (and whole where it must be).
bool InRange(const SpecField& field, double value);
// "a whole number from 1 to 366", in the unit of the source (hours for the flag).
std::string AcceptedText(const SpecField& field, FieldSource source);
// "--days" or "cost.max_session_s": what the user wrote for this source.
std::string FieldName(const SpecField& field, FieldSource source);

// Converts a flag's text, checks it and sets it in `spec`; the error names the flag and
// what it accepts.
util::Status SetFromFlag(const SpecField& field, const std::string& text, Spec& spec);
// The default of the field's flag, from plan::Spec{} ("7", "0.35", "4"; "" when unset).
std::string DefaultFlagText(std::string_view flag);

// The seed takes every 64-bit unsigned value, which a double cannot hold: its own parser.
util::Expected<uint64_t> ParseSeed(std::string_view text);

// "CLASS:MARKET", the one spelling of a quota key in flags, spec files and plans.
using catalog::FormatQuotaKey;
using catalog::ParseQuotaKey;
// The accepted range of a vCPU quota value.
inline constexpr long long kMaxVcpuQuota = 2147483647;

// Every table field of `spec` in range, and every quota >= 0 (the planner's check, for a
// spec built in code; the flags and the loader have already checked theirs).
util::Status CheckSpecFields(const Spec& spec, FieldSource source = FieldSource::kFlag);

}  // namespace plan
