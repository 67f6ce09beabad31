#include "plan/spec_fields.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "util/strings.h"

namespace plan {
namespace {

template <typename T>
std::optional<double> AsDouble(T value) {
  return static_cast<double>(value);
}

template <typename T>
void Store(T& member, double value) {
  if constexpr (std::is_integral_v<T>) {
    member = static_cast<T>(std::llround(value));
  } else {
    member = static_cast<T>(value);
  }
}

// One accessor pair per field: the table stays data, and each line says which member it is.
#define ABC_SPEC_MEMBER(member) \
  [](const Spec& s) { return AsDouble(s.member); }, [](Spec& s, double v) { Store(s.member, v); }

const std::vector<SpecField>& Table() {
  // Ranges (docs/plan-schema.md, "spec"): far above any real campaign, low enough
  // that a mistyped value ("--days 3650") is caught. A session cap below 0.1 h could not
  // hold the boot overhead and one job.
  static const std::vector<SpecField> kFields = {
      {"--max-daily-jobs", "max_daily_jobs", false, true, 1, false, 1e6, 1,
       ABC_SPEC_MEMBER(max_daily_jobs)},
      {"--max-concurrent", "max_concurrent", false, true, 1, false, 1e5, 1,
       ABC_SPEC_MEMBER(max_concurrent)},
      {"--days", "days", false, true, 1, false, 366, 1, ABC_SPEC_MEMBER(days)},
      {"--iterations", "iterations", false, true, 1, false, 1000, 1, ABC_SPEC_MEMBER(iterations)},
      {"--max-cost", "max_cost_usd", false, false, 0, true, kMaxUsd, 1,
       [](const Spec& s) { return s.max_cost_usd; }, [](Spec& s, double v) { s.max_cost_usd = v; }},
      {"--spot-price-ratio", "spot_price_ratio", true, false, 0, true, 1, 1,
       ABC_SPEC_MEMBER(cost.spot_price_ratio)},
      {"--max-session-hours", "max_session_s", true, true, 360, false, 86400, 3600,
       ABC_SPEC_MEMBER(cost.max_session_s)},
      {"", "root_volume_gib", true, false, 0, false, 65536, 1,
       ABC_SPEC_MEMBER(cost.root_volume_gib)},
      {"", "boot_overhead_s", true, true, 0, false, 86400, 1,
       ABC_SPEC_MEMBER(cost.boot_overhead_s)},
      {"", "minimum_billing_s", true, true, 0, false, 86400, 1,
       ABC_SPEC_MEMBER(cost.minimum_billing_s)},
  };
  return kFields;
}

#undef ABC_SPEC_MEMBER

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace

const std::vector<SpecField>& SpecFields() { return Table(); }

const SpecField* FindSpecField(std::string_view flag_or_key) {
  for (const SpecField& field : Table()) {
    if (field.json_key == flag_or_key || (!field.flag.empty() && field.flag == flag_or_key))
      return &field;
  }
  return nullptr;
}

bool InRange(const SpecField& field, double value) {
  if (!std::isfinite(value) || value > field.max) return false;
  if (field.min_exclusive ? value <= field.min : value < field.min) return false;
  return !field.whole || value == std::floor(value);
}

std::string AcceptedText(const SpecField& field, FieldSource source) {
  double scale = source == FieldSource::kFlag ? field.flag_scale : 1;
  bool whole = field.whole && scale == 1;
  std::string min = Number(field.min / scale), max = Number(field.max / scale);
  if (field.min_exclusive) return std::string("a number above ") + min + " and at most " + max;
  return std::string(whole ? "a whole number" : "a number") + " from " + min + " to " + max;
}

std::string FieldName(const SpecField& field, FieldSource source) {
  if (source == FieldSource::kFlag && !field.flag.empty()) return std::string(field.flag);
  return (field.in_cost ? "cost." : "") + std::string(field.json_key);
}

util::Status SetFromFlag(const SpecField& field, const std::string& text, Spec& spec) {
  std::optional<double> value;
  if (field.whole && field.flag_scale == 1) {
    if (auto whole = util::ParseInt(text)) value = static_cast<double>(*whole);
  } else if (auto number = util::ParseDouble(text)) {
    value = *number * field.flag_scale;
    // A scaled flag (hours) lands on whole seconds.
    if (field.whole && std::isfinite(*value)) value = std::round(*value);
  }
  if (!value || !InRange(field, *value)) {
    return util::InvalidInput(
        std::string(field.flag) + ": '" + text +
        "' is not accepted (accepted: " + AcceptedText(field, FieldSource::kFlag) + ")");
  }
  field.set(spec, *value);
  return {};
}

std::string DefaultFlagText(std::string_view flag) {
  const SpecField* field = FindSpecField(flag);
  if (field == nullptr) return "";
  std::optional<double> value = field->get(Spec{});
  return value ? Number(*value / field->flag_scale) : "";
}

util::Expected<uint64_t> ParseSeed(std::string_view text) {
  uint64_t seed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return util::InvalidInput("--seed: '" + std::string(text) +
                              "' is not accepted (accepted: a whole number from 0 to "
                              "18446744073709551615)");
  }
  return seed;
}

util::Status CheckSpecFields(const Spec& spec, FieldSource source) {
  for (const SpecField& field : Table()) {
    std::optional<double> value = field.get(spec);
    if (!value || InRange(field, *value)) continue;
    double shown =
        source == FieldSource::kFlag && !field.flag.empty() ? *value / field.flag_scale : *value;
    FieldSource named = field.flag.empty() ? FieldSource::kJson : source;
    return util::InvalidInput(FieldName(field, named) + ": " + Number(shown) +
                              " is not accepted (accepted: " + AcceptedText(field, named) + ")");
  }
  for (const auto& [key, vcpus] : spec.vcpu_quotas) {
    if (vcpus < 0) {
      return util::InvalidInput((source == FieldSource::kFlag ? "--vcpu-quota " : "vcpu_quotas.") +
                                FormatQuotaKey(key) + "=" + std::to_string(vcpus) +
                                " is not accepted (accepted: a whole number from 0 to " +
                                std::to_string(kMaxVcpuQuota) + ")");
    }
  }
  return {};
}

}  // namespace plan
