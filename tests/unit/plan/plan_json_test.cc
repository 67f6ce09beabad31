#include "plan/plan_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "plan/spec_json.h"
#include "plan_equal.h"
#include "plan_fixture.h"

namespace plan {
namespace {

using nlohmann::json;
using testing::At;

class PlanJsonTest : public ::testing::Test {
 protected:
  catalog::Catalog catalog_ = testing::TestCatalog();
  Plan plan_ = testing::Build(testing::MainSketch(), catalog_);
  std::string text_ = WritePlanJson(plan_);

  // Applies `edit` to the written plan and loads the result; it must fail with `expected`.
  void ExpectRejected(const std::function<void(json&)>& edit, const std::string& expected) {
    json document = json::parse(text_);
    edit(document);
    auto loaded = LoadPlanJson(document.dump(2), "plan.json");
    ASSERT_FALSE(loaded) << "accepted; expected: " << expected;
    EXPECT_EQ(loaded.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_NE(loaded.error().message.find(expected), std::string::npos) << loaded.error().message;
    EXPECT_EQ(loaded.error().message.find('\n'), std::string::npos) << "one line only";
    EXPECT_EQ(loaded.error().message.rfind("plan.json: ", 0), 0u) << loaded.error().message;
  }
};

TEST_F(PlanJsonTest, RoundTripIsIdentical) {
  auto loaded = LoadPlanJson(text_, "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(WritePlanJson(*loaded), text_);
  testing::ExpectPlansEqual(*loaded, plan_);
}

// A version 1 plan (no session rates or waves) still loads, and is written back unchanged.
TEST_F(PlanJsonTest, VersionOneStillLoadsAndRoundTrips) {
  json document = json::parse(text_);
  document["schema_version"] = 1;
  for (json& job : document["jobs"]) job.erase("estimate");
  for (json& entry : document["unscheduled"]) entry["job"].erase("estimate");
  for (json& session : document["sessions"]) {
    for (const char* key :
         {"on_demand_usd_per_hour", "spot_usd_per_hour", "extras_usd_per_hour", "size_wave"}) {
      ASSERT_TRUE(session.contains(key)) << key;
      session.erase(key);
    }
  }
  auto loaded = LoadPlanJson(document.dump(), "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->schema_version, 1);
  EXPECT_EQ(loaded->sessions[0].size_wave, 0);
  EXPECT_EQ(json::parse(WritePlanJson(*loaded)), document);
}

// A version 2 plan (no job estimates) loads with the model's estimate on every job.
TEST_F(PlanJsonTest, VersionTwoLoadsWithModelEstimates) {
  json document = json::parse(text_);
  document["schema_version"] = 2;
  for (json& job : document["jobs"]) {
    ASSERT_EQ(job["estimate"], "model");
    job.erase("estimate");
  }
  for (json& entry : document["unscheduled"]) entry["job"].erase("estimate");
  auto loaded = LoadPlanJson(document.dump(), "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  for (const Job& job : loaded->jobs) EXPECT_EQ(job.estimate, EstimateBasis::kModel) << job.id;
  EXPECT_EQ(json::parse(WritePlanJson(*loaded)), document);
}

// A job's measured estimate keeps its source through a write and a load.
TEST_F(PlanJsonTest, MeasuredEstimateRoundTrips) {
  Plan plan = plan_;
  ASSERT_FALSE(plan.jobs.empty());
  plan.jobs[0].estimate = EstimateBasis::kMeasured;
  plan.jobs[0].estimate_source = "journals/week1.db";
  plan.spec.duration_corrections = {{plan.jobs[0].benchmark, {1.5, "journals/week1.db", 2}}};
  const std::string text = WritePlanJson(plan);
  EXPECT_NE(text.find(R"("estimate": "measured:journals/week1.db")"), std::string::npos);
  auto loaded = LoadPlanJson(text, "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  testing::ExpectPlansEqual(*loaded, plan);
  EXPECT_EQ(WritePlanJson(*loaded), text);
}

TEST_F(PlanJsonTest, RoundTripOnTheSpringForwardDay) {
  Plan plan = testing::Build(testing::MainSketch(testing::kSpringForward), catalog_);
  plan.spec.timezone = "Asia/Tokyo";
  plan.spec.seed = 18446744073709551615ULL;
  std::string text = WritePlanJson(plan);
  auto loaded = LoadPlanJson(text, "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(WritePlanJson(*loaded), text);
  testing::ExpectPlansEqual(*loaded, plan);
}

TEST_F(PlanJsonTest, WritingTwiceGivesTheSameBytes) {
  Plan copy = plan_;
  EXPECT_EQ(WritePlanJson(copy), text_);
}

TEST_F(PlanJsonTest, TimesCarryTheOffsetOfTheWindowsZone) {
  EXPECT_NE(text_.find(R"("start": "2026-11-30T08:00:00-05:00")"), std::string::npos);
  EXPECT_NE(text_.find(R"("end": "2026-12-01T00:00:00-05:00")"), std::string::npos);
  // The first m7i job starts after the 180 s boot.
  EXPECT_NE(text_.find(R"("start": "2026-11-30T08:03:00-05:00")"), std::string::npos);
  // Without --timezone the spec's start is written in UTC.
  EXPECT_NE(text_.find(R"("start": "2026-11-30T05:00:00Z")"), std::string::npos);
  std::string spring =
      WritePlanJson(testing::Build(testing::MainSketch(testing::kSpringForward), catalog_));
  EXPECT_NE(spring.find(R"("start": "2026-03-08T08:00:00-04:00")"), std::string::npos);
}

TEST_F(PlanJsonTest, NumbersHaveAFixedFormat) {
  EXPECT_NE(text_.find(R"("spot_price_ratio": 0.350000)"), std::string::npos);
  EXPECT_NE(text_.find(R"("max_cost_usd": 5.000000)"), std::string::npos);
  EXPECT_NE(text_.find(R"("estimated_duration_s": 600,)"), std::string::npos);
  EXPECT_NE(text_.find(R"("vcpu_quotas": {)"
                       "\n"
                       R"(      "standard:on-demand": 4,)"),
            std::string::npos);
  EXPECT_NE(text_.find(R"("timezone": null)"), std::string::npos);
}

TEST_F(PlanJsonTest, SpecRoundTripWithEveryField) {
  Spec spec;
  spec.instance_families = {"m7i", "c7g"};
  spec.instance_types = {"r7a.large"};
  spec.benchmarks = {"hpl-mkl"};
  spec.regions = {"eu-west-1", "us-east-2"};
  spec.sizes = {"xlarge"};
  spec.max_daily_jobs = 3;
  spec.max_concurrent = 1;
  spec.benchmark_rotation = false;
  spec.instance_size_waves = false;
  spec.enable_spot = false;
  spec.start = At("2026-07-01T09:30:00+02:00");
  spec.days = 10;
  spec.timezone = "Europe/Berlin";
  spec.max_cost_usd = 12.5;
  spec.iterations = 3;
  spec.seed = 42;
  spec.vcpu_quotas = {{QuotaKey{"standard", Market::kSpot}, 16},
                      {QuotaKey{"p", Market::kOnDemand}, 0}};
  spec.cost = CostModel{0.5, 30, false, 240, 60, 7200};
  spec.duration_corrections = {{"hpl", {0.25, "runs/old.db", 3}}};
  std::string text = WriteSpecJson(spec);
  EXPECT_NE(text.find(R"("start": "2026-07-01T09:30:00+02:00")"), std::string::npos) << text;
  auto loaded = LoadSpecJson(text, "spec.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(WriteSpecJson(*loaded), text);
  testing::ExpectSpecsEqual(*loaded, spec);
}

TEST_F(PlanJsonTest, SpecErrorsNameTheField) {
  json spec = json::parse(WriteSpecJson(plan_.spec));
  auto expect = [&](const std::function<void(json&)>& edit, const std::string& expected) {
    json copy = spec;
    edit(copy);
    auto loaded = LoadSpecJson(copy.dump(), "spec.json");
    ASSERT_FALSE(loaded) << "accepted; expected: " << expected;
    EXPECT_EQ(loaded.error().message, expected);
  };
  expect([](json& s) { s["max_daily_job"] = s["max_daily_jobs"]; },
         "spec.json: max_daily_job: unknown field (did you mean 'max_daily_jobs'?)");
  expect([](json& s) { s["max_concurrent"] = 0; },
         "spec.json: max_concurrent: must be a whole number from 1 to 100000");
  expect(
      [](json& s) {
        s["vcpu_quotas"] = {{"standard:reserved", 4}};
      },
      "spec.json: vcpu_quotas.standard:reserved: 'standard:reserved' is not a quota key "
      "(accepted: CLASS:MARKET with MARKET on-demand or spot, e.g. standard:spot)");
  expect([](json& s) { s["enable_spot"] = "yes"; },
         "spec.json: enable_spot: must be true or false");
  expect([](json& s) { s["timezone"] = "Mars/Olympus"; },
         "spec.json: timezone: unknown time zone 'Mars/Olympus' (accepted: an IANA name such as "
         "America/New_York)");
  expect([](json& s) { s["cost"].erase("boot_overhead_s"); },
         "spec.json: cost: missing field 'boot_overhead_s'");
}

TEST_F(PlanJsonTest, RejectsMalformedDocuments) {
  auto loaded = LoadPlanJson("{\"schema_version\": 1,", "plan.json");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message.rfind("plan.json: not valid JSON: ", 0), 0u)
      << loaded.error().message;
  ExpectRejected([](json& d) { d = json::array(); }, "plan.json: document: must be a JSON object");
  ExpectRejected([](json& d) { d.erase("sessions"); }, "plan.json: missing field 'sessions'");
  ExpectRejected([](json& d) { d["schema_version"] = "1"; },
                 "plan.json: schema_version: must be an integer");
  ExpectRejected([](json& d) { d["colour"] = "blue"; }, "plan.json: colour: unknown field");
  ExpectRejected([](json& d) { d["sessions"][0]["vcpu"] = 2; },
                 "plan.json: sessions[0].vcpu: unknown field (did you mean 'vcpus'?)");
  ExpectRejected([](json& d) { d["jobs"][0]["estimated_duration_s"] = "600"; },
                 "plan.json: jobs[0].estimated_duration_s: must be an integer");
  ExpectRejected([](json& d) { d["jobs"][0]["estimated_duration_s"] = 600.5; },
                 "plan.json: jobs[0].estimated_duration_s: must be an integer");
  ExpectRejected([](json& d) { d["jobs"][0]["estimated_cost_usd"] = -1; },
                 "plan.json: jobs[0].estimated_cost_usd: must be a number between 0 and 1e+09");
  ExpectRejected([](json& d) { d["windows"][0]["start"] = "2026-11-30T08:00:00"; },
                 "plan.json: windows[0].start: '2026-11-30T08:00:00' is not an ISO 8601 timestamp "
                 "with a UTC offset");
  ExpectRejected([](json& d) { d["windows"][0]["timezone"] = "Mars/Olympus"; },
                 "plan.json: windows[0].timezone: unknown time zone 'Mars/Olympus'");
  ExpectRejected([](json& d) { d["spec"]["days"] = -1; },
                 "plan.json: spec.days: must be a whole number from 1 to 366");
  // Found by reasoning about the fuzz target: written in UTC this would be year 10000,
  // which no ISO 8601 reader here accepts back.
  ExpectRejected(
      [](json& d) { d["spec"]["start"] = "9999-12-31T23:00:00-05:00"; },
      "plan.json: spec.start: '9999-12-31T23:00:00-05:00' is outside the accepted range");
  ExpectRejected(
      [](json& d) { d["windows"][0]["start"] = "1969-12-31T23:00:00Z"; },
      "plan.json: windows[0].start: '1969-12-31T23:00:00Z' is outside the accepted range");
  ExpectRejected([](json& d) { d["unscheduled"][0]["job"]["session"] = "session-1"; },
                 "plan.json: unscheduled[0].job.session: unknown field");
}

TEST_F(PlanJsonTest, RejectsAnUnknownEstimate) {
  ExpectRejected([](json& d) { d["jobs"][0]["estimate"] = "guessed"; },
                 "plan.json: jobs[0].estimate: is 'guessed' (accepted: model, or measured:SOURCE)");
  ExpectRejected([](json& d) { d["jobs"][0]["estimate"] = "measured:"; },
                 "plan.json: jobs[0].estimate: is 'measured:'");
  ExpectRejected([](json& d) { d["jobs"][0].erase("estimate"); }, "missing field 'estimate'");
}

TEST_F(PlanJsonTest, RejectsUnknownEnumValues) {
  ExpectRejected(
      [](json& d) { d["sessions"][1]["market"] = "reserved"; },
      "plan.json: sessions[1].market: unknown value 'reserved' (accepted: on-demand, spot)");
  ExpectRejected([](json& d) { d["windows"][0]["focus"][0] = "io"; },
                 "plan.json: windows[0].focus[0]: unknown category \"io\" (accepted: memory, "
                 "compute, library, micro)");
  ExpectRejected(
      [](json& d) { d["windows"][2]["name"] = "night"; },
      "plan.json: windows[2].name: unknown value 'night' (accepted: morning, afternoon, evening)");
  ExpectRejected([](json& d) { d["windows"][2]["market_policy"] = "cheap"; },
                 "plan.json: windows[2].market_policy: unknown value 'cheap'");
}

TEST_F(PlanJsonTest, RejectsANewerSchema) {
  ExpectRejected(
      [](json& d) {
        d["schema_version"] = kPlanSchemaVersion + 1;
        d["new_field"] = 1;  // the version must be reported, not the field it added
      },
      "plan.json: schema_version: is " + std::to_string(kPlanSchemaVersion + 1) +
          ": the plan was written by a newer version of this tool");
  ExpectRejected([](json& d) { d["schema_version"] = 0; },
                 "plan.json: schema_version: must be 1 to " + std::to_string(kPlanSchemaVersion));
}

TEST_F(PlanJsonTest, RejectsBrokenCrossReferences) {
  ExpectRejected([](json& d) { d["sessions"][1]["jobs"][1] = "x"; },
                 "plan.json: sessions[1].jobs[1]: unknown job id 'x'");
  ExpectRejected([](json& d) { d["jobs"][1]["id"] = d["jobs"][0]["id"]; },
                 "plan.json: jobs[1].id: duplicate job id 'job-m7i.large-stream'");
  ExpectRejected([](json& d) { d["sessions"][1]["id"] = "session-1"; },
                 "plan.json: sessions[1].id: duplicate session id 'session-1'");
  ExpectRejected([](json& d) { d["windows"][1]["id"] = d["windows"][0]["id"]; },
                 "plan.json: windows[1].id: duplicate window id");
  ExpectRejected([](json& d) { d["unscheduled"][0]["job"]["id"] = "job-m7i.large-stream"; },
                 "plan.json: unscheduled[0].job.id: duplicate job id 'job-m7i.large-stream'");
  ExpectRejected([](json& d) { d["sessions"][0]["window"] = "us-east-1/2026-11-31/morning"; },
                 "plan.json: sessions[0].window: unknown window id 'us-east-1/2026-11-31/morning'");
  ExpectRejected([](json& d) { d["jobs"][0]["session"] = "session-9"; },
                 "plan.json: jobs[0].session: unknown session id 'session-9'");
  ExpectRejected([](json& d) { d["jobs"][6]["instance_type"] = "m7i.large"; },
                 "plan.json: jobs[6].instance_type: is 'm7i.large' but its session 'session-2' "
                 "runs 'c7g.large'");
  ExpectRejected(
      [](json& d) { d["sessions"][0]["jobs"][0] = d["jobs"][11]["id"]; },
      "plan.json: sessions[0].jobs[0]: job 'job-m7i.large-micro-latency' belongs to session "
      "'session-4', not 'session-1'");
  ExpectRejected([](json& d) { d["sessions"][0]["jobs"].erase(5); },
                 "plan.json: jobs[5].session: session 'session-1' does not list job "
                 "'job-m7i.large-stream-avx2'");
  ExpectRejected([](json& d) { d["sessions"][0]["jobs"][1] = d["sessions"][0]["jobs"][0]; },
                 "plan.json: sessions[0].jobs[1]: job 'job-m7i.large-stream' is listed twice");
  ExpectRejected([](json& d) { d["sessions"][0]["region"] = "us-west-2"; },
                 "plan.json: sessions[0].region: is 'us-west-2' but its window");
}

TEST_F(PlanJsonTest, RejectsTimesOutsideTheirContainer) {
  ExpectRejected(
      [](json& d) { d["jobs"][0]["end"] = "2026-11-30T12:30:00-05:00"; },
      "plan.json: jobs[0]: runs 2026-11-30T13:03:00Z .. 2026-11-30T17:30:00Z, outside its session "
      "'session-1' (2026-11-30T13:00:00Z .. 2026-11-30T14:03:00Z)");
  ExpectRejected([](json& d) { d["sessions"][0]["start"] = "2026-11-30T07:59:59-05:00"; },
                 "plan.json: sessions[0]: runs 2026-11-30T12:59:59Z .. 2026-11-30T14:03:00Z, "
                 "outside its window "
                 "'us-east-1/2026-11-30/morning'");
  ExpectRejected([](json& d) { d["windows"][0]["end"] = d["windows"][0]["start"]; },
                 "plan.json: windows[0].end: must be after start");
  ExpectRejected([](json& d) { d["jobs"][0]["end"] = "2026-11-30T08:02:00-05:00"; },
                 "plan.json: jobs[0].end: must not be before start");
}

TEST_F(PlanJsonTest, RejectsSummaryCountsThatDisagree) {
  ExpectRejected(
      [](json& d) { d["summary"]["jobs_total"] = 14; },
      "plan.json: summary.jobs_total: is 14 but the plan has 13 jobs (scheduled and unscheduled)");
  ExpectRejected([](json& d) { d["summary"]["jobs_scheduled"] = 13; },
                 "plan.json: summary.jobs_scheduled: is 13 but the plan has 12 scheduled jobs");
  ExpectRejected([](json& d) { d["summary"]["sessions"] = 3; },
                 "plan.json: summary.sessions: is 3 but the plan has 4 sessions");
}

}  // namespace
}  // namespace plan
