// The spec's numeric fields are checked by one table (plan/spec_fields.h) on three paths:
// the flags (cli::BuildSpec), the spec JSON loader (plan::LoadSpecJson) and the planner
// (plan::ValidateSpec). Property: a random in-range value is accepted by all three with the
// same value; a random out-of-range value is rejected by all three, naming what was written.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

#include "catalog/catalog.h"
#include "cli/spec_flags.h"
#include "plan/jobs.h"
#include "plan/spec_fields.h"
#include "plan/spec_json.h"

namespace plan {
namespace {

using nlohmann::json;

constexpr int kCases = 300;

const catalog::Catalog& Embedded() {
  static const catalog::Catalog catalog = *catalog::Catalog::Embedded();
  return catalog;
}

std::string Text(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// A value and the flag text that means it (the flag may be in other units).
struct Sample {
  double value;  // in the spec's unit
  std::string flag_text;
};

class FieldGenerator {
 public:
  explicit FieldGenerator(uint64_t seed) : rng_(seed) {}

  // A value the field accepts: whole fields a whole number, hours in tenths, numbers in
  // thousandths, all inside the field's range.
  Sample Valid(const SpecField& field) {
    if (field.flag_scale != 1) {
      auto tenths = Uniform(std::ceil(field.min / field.flag_scale * 10),
                            std::floor(field.max / field.flag_scale * 10));
      return {tenths * field.flag_scale / 10, Text(tenths / 10)};
    }
    if (field.whole) {
      double value = Uniform(field.min, field.max);
      return {value, Text(value)};
    }
    double lowest = field.min_exclusive ? field.min * 1000 + 1 : field.min * 1000;
    double value = Uniform(lowest, field.max * 1000) / 1000;
    return {value, Text(value)};
  }

  // A value outside the range: below the minimum (or at an exclusive one), or above the
  // maximum, or (for a whole field) with a fraction. `representable`: only values the
  // Spec's member type can hold (the planner's path checks a built Spec).
  Sample Invalid(const SpecField& field, bool representable) {
    double value = 0;
    // A fraction of a second in hours is rounded by the flag, so only unscaled fields get one.
    bool fraction = field.whole && field.flag_scale == 1 && !representable;
    switch (rng_() % (fraction ? 3 : 2)) {
      case 0:
        value = field.min_exclusive ? field.min - Uniform(0, 1000) : field.min - Uniform(1, 1000);
        break;
      case 1:
        value = field.max + Uniform(1, 1000) * (field.whole ? field.flag_scale : 0.001);
        break;
      default:
        value = std::floor(Uniform(field.min, field.max)) + 0.5;
        break;
    }
    return {value, Text(value / field.flag_scale)};
  }

 private:
  double Uniform(double low, double high) {
    auto span = static_cast<uint64_t>(high - low);
    return low + static_cast<double>(rng_() % (span + 1));
  }
  std::mt19937_64 rng_;
};

cli::SpecFlagText BaseFlags() {
  cli::SpecFlagText text;
  text.start = "2027-03-01";
  return text;
}

std::string* FlagTextOf(cli::SpecFlagText& text, std::string_view flag) {
  if (flag == "--max-daily-jobs") return &text.max_daily_jobs;
  if (flag == "--max-concurrent") return &text.max_concurrent;
  if (flag == "--days") return &text.days;
  if (flag == "--iterations") return &text.iterations;
  if (flag == "--max-cost") return &text.max_cost;
  if (flag == "--spot-price-ratio") return &text.spot_price_ratio;
  if (flag == "--max-session-hours") return &text.max_session_hours;
  ADD_FAILURE() << "no flag text for " << flag;
  return &text.catalog;
}

json BaseJson() {
  auto spec = cli::BuildSpec(BaseFlags(), Embedded(), util::TimePoint{});
  EXPECT_TRUE(spec) << spec.error().message;
  return json::parse(WriteSpecJson(*spec));
}

// Sets the field in a spec document: whole values as JSON integers, as a user writes them.
void SetJson(json& document, const SpecField& field, double value) {
  json& slot = field.in_cost ? document["cost"][std::string(field.json_key)]
                             : document[std::string(field.json_key)];
  if (value == std::floor(value) && std::abs(value) < 1e15) {
    slot = static_cast<int64_t>(value);
  } else {
    slot = value;
  }
}

TEST(SpecFieldsPlanTest, InRangeValuesAreAcceptedAlikeOnEveryPath) {
  FieldGenerator generator(2027);
  for (int n = 0; n < kCases; ++n) {
    cli::SpecFlagText flags = BaseFlags();
    json document = BaseJson();
    std::vector<std::pair<const SpecField*, double>> expected;
    for (const SpecField& field : SpecFields()) {
      Sample sample = generator.Valid(field);
      if (!field.flag.empty()) *FlagTextOf(flags, field.flag) = sample.flag_text;
      SetJson(document, field, sample.value);
      expected.emplace_back(&field, sample.value);
    }
    auto from_flags = cli::BuildSpec(flags, Embedded(), util::TimePoint{});
    ASSERT_TRUE(from_flags) << "case " << n << ": " << from_flags.error().message;
    auto from_json = LoadSpecJson(document.dump(), "spec.json");
    ASSERT_TRUE(from_json) << "case " << n << ": " << from_json.error().message;
    auto planned = ValidateSpec(*from_json, Embedded());
    ASSERT_TRUE(planned) << "case " << n << ": " << planned.error().message;
    for (const auto& [field, value] : expected) {
      EXPECT_EQ(*field->get(*from_json), value) << "case " << n << " " << field->json_key;
      if (!field->flag.empty()) {
        EXPECT_EQ(*field->get(*from_flags), value) << "case " << n << " " << field->flag;
      }
    }
  }
}

TEST(SpecFieldsPlanTest, OutOfRangeValuesAreRejectedOnEveryPathNamingTheField) {
  FieldGenerator generator(366);
  for (int n = 0; n < kCases; ++n) {
    for (const SpecField& field : SpecFields()) {
      std::string where = "case " + std::to_string(n) + " " + std::string(field.json_key);
      Sample bad = generator.Invalid(field, /*representable=*/false);
      if (!field.flag.empty()) {
        cli::SpecFlagText flags = BaseFlags();
        *FlagTextOf(flags, field.flag) = bad.flag_text;
        auto spec = cli::BuildSpec(flags, Embedded(), util::TimePoint{});
        ASSERT_FALSE(spec) << where << " flag " << bad.flag_text;
        EXPECT_EQ(spec.error().message.rfind(std::string(field.flag) + ": '", 0), 0u)
            << spec.error().message;
        EXPECT_NE(spec.error().message.find(AcceptedText(field, FieldSource::kFlag)),
                  std::string::npos)
            << spec.error().message;
      }
      json document = BaseJson();
      SetJson(document, field, bad.value);
      auto loaded = LoadSpecJson(document.dump(), "spec.json");
      ASSERT_FALSE(loaded) << where << " json " << bad.value;
      EXPECT_EQ(loaded.error().message, "spec.json: " + FieldName(field, FieldSource::kJson) +
                                            ": must be " + AcceptedText(field, FieldSource::kJson));

      Sample unrepresentable = generator.Invalid(field, /*representable=*/true);
      auto spec = LoadSpecJson(BaseJson().dump(), "spec.json");
      ASSERT_TRUE(spec);
      field.set(*spec, unrepresentable.value);
      auto planned = ValidateSpec(*spec, Embedded());
      ASSERT_FALSE(planned) << where << " planner " << unrepresentable.value;
      EXPECT_EQ(planned.error().message.rfind(FieldName(field, FieldSource::kFlag) + ": ", 0), 0u)
          << planned.error().message;
    }
  }
}

// The flags' defaults are plan::Spec{}'s, shown in the flags' own units.
TEST(SpecFieldsPlanTest, FlagDefaultsAreTheSpecDefaults) {
  auto built = cli::BuildSpec(BaseFlags(), Embedded(), util::TimePoint{});
  ASSERT_TRUE(built) << built.error().message;
  Spec defaults;
  for (const SpecField& field : SpecFields()) {
    EXPECT_EQ(field.get(*built), field.get(defaults)) << field.json_key;
  }
  EXPECT_EQ(built->seed, defaults.seed);
  EXPECT_EQ(built->benchmarks, defaults.benchmarks);
  EXPECT_EQ(built->instance_families, defaults.instance_families);
  EXPECT_EQ(DefaultFlagText("--max-session-hours"), "4");
  EXPECT_EQ(DefaultFlagText("--spot-price-ratio"), "0.35");
}

TEST(SpecFieldsPlanTest, QuotaKeysParseAndFormatAlike) {
  for (const char* text : {"standard:spot", "standard:on-demand", "p:spot", "a:b:spot"}) {
    auto key = ParseQuotaKey(text);
    ASSERT_TRUE(key) << text;
    EXPECT_EQ(FormatQuotaKey(*key), text);
  }
  for (const char* text : {"standard", ":spot", "standard:reserved", "standard/spot", ""}) {
    EXPECT_FALSE(ParseQuotaKey(text)) << text;
  }
}

}  // namespace
}  // namespace plan
