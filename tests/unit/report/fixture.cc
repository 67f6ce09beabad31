#include "fixture.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/journal.h"

namespace report::testing {
namespace {

using nlohmann::json;

// A state the fixture spells as the journal does, read with the journal's own parser.
template <typename Enum>
Enum Parsed(std::optional<Enum> (*parse)(std::string_view), const json& text) {
  auto value = parse(text.get<std::string>());
  if (!value) throw std::runtime_error("fixture: unknown state " + text.dump());
  return *value;
}

store::CampaignRow Campaign(const json& j) {
  store::CampaignRow r;
  r.id = j.at("id");
  r.backend = j.at("backend");
  r.backend_config = j.at("backend_config");
  r.spec_json = j.at("spec_json");
  r.plan_json = j.at("plan_json");
  r.plan_sha256 = j.at("plan_sha256");
  r.status = Parsed(store::CampaignStatusFromText, j.at("status"));
  r.stop_reason = j.at("stop_reason");
  r.created_at = j.at("created_at");
  r.started_at = j.at("started_at");
  r.ended_at = j.at("ended_at");
  r.max_daily_jobs = j.at("max_daily_jobs");
  r.max_concurrent = j.at("max_concurrent");
  if (!j.at("max_cost_usd").is_null()) r.max_cost_usd = j.at("max_cost_usd").get<double>();
  r.size_waves = j.at("size_waves").get<int>() != 0;
  r.estimated_cost_usd = j.at("estimated_cost_usd");
  r.wall_seconds = j.at("wall_seconds");
  return r;
}

store::SessionRow Session(const json& j) {
  store::SessionRow r;
  r.id = j.at("id");
  r.region = j.at("region");
  r.instance_type = j.at("instance_type");
  r.vcpus = j.at("vcpus");
  r.quota_class = j.at("quota_class");
  r.planned_market = j.at("planned_market");
  r.market = j.at("market");
  r.window = j.at("window");
  r.planned_start = j.at("planned_start");
  r.planned_end = j.at("planned_end");
  r.not_before = j.at("not_before");
  r.estimated_cost_usd = j.at("estimated_cost_usd");
  r.on_demand_usd_per_hour = j.at("on_demand_usd_per_hour");
  r.extras_usd_per_hour = j.at("extras_usd_per_hour");
  r.state = Parsed(store::SessionStateFromText, j.at("state"));
  r.attempts = j.at("attempts");
  r.spot_failures = j.at("spot_failures");
  r.zone_index = j.at("zone_index");
  r.throttle_retries = j.at("throttle_retries");
  r.fell_back_to_on_demand = j.at("fell_back").get<int>() != 0;
  r.reason = j.at("reason");
  return r;
}

store::JobRow Job(const json& j) {
  store::JobRow r;
  r.id = j.at("id");
  r.session = j.at("session");
  r.seq = j.at("seq");
  r.instance_type = j.at("instance_type");
  r.benchmark = j.at("benchmark");
  r.region = j.at("region");
  r.estimated_duration_s = j.at("estimated_duration_s");
  r.estimated_cost_usd = j.at("estimated_cost_usd");
  r.state = Parsed(store::JobStateFromText, j.at("state"));
  r.tries = j.at("tries");
  r.interruptions = j.at("interruptions");
  r.window = j.at("window");
  r.reason = j.at("reason");
  r.started_at = j.at("started_at");
  r.ended_at = j.at("ended_at");
  return r;
}

store::AttemptRow Attempt(const json& j) {
  store::AttemptRow r;
  r.id = j.at("id");
  r.session = j.at("session");
  r.number = j.at("number");
  r.client_token = j.at("client_token");
  r.region = j.at("region");
  r.zone = j.at("zone");
  r.market = j.at("market");
  r.instance_id = j.at("instance_id");
  r.state = Parsed(store::AttemptStateFromText, j.at("state"));
  r.intent_at = j.at("intent_at");
  r.launched_at = j.at("launched_at");
  r.ended_at = j.at("ended_at");
  r.deadline = j.at("deadline");
  r.outcome = Parsed(store::AttemptOutcomeFromText, j.at("outcome"));
  r.error_code = j.at("error_code");
  if (std::string text = j.at("error_class"); !text.empty()) {
    r.error_class = Parsed(store::ErrorClassFromText, text);
  }
  r.cost_usd = j.at("cost_usd");
  r.max_cost_usd = j.at("max_cost_usd");
  r.usd_per_hour = j.at("usd_per_hour");
  r.jobs = j.at("jobs");
  return r;
}

store::ResultRow Result(const json& j) {
  return {j.at("job"),    j.at("attempt_id"), Parsed(store::ResultStatusFromText, j.at("status")),
          j.at("sha256"), j.at("json"),       j.at("received_at")};
}

}  // namespace

std::string FixturePath(const std::string& name) {
  return std::string(ABC_TEST_DATA_DIR) + "/report/" + name;
}

std::string TempJournalPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("abc-report-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::filesystem::remove_all(path);
  return path.string();
}

void BuildJournal(const std::string& name, const std::string& journal_path) {
  std::ifstream in(FixturePath(name));
  ASSERT_TRUE(in) << FixturePath(name);
  json fixture = json::parse(in);
  store::Snapshot initial;
  initial.campaign = Campaign(fixture.at("campaign"));
  for (const json& row : fixture.at("sessions")) initial.sessions.push_back(Session(row));
  for (const json& row : fixture.at("jobs")) initial.jobs.push_back(Job(row));
  auto journal = store::Journal::Create(journal_path, initial);
  ASSERT_TRUE(journal) << journal.error().message;
  store::Change change;
  for (const json& row : fixture.at("attempts")) change.attempts.push_back(Attempt(row));
  for (const json& row : fixture.at("results")) change.results.push_back(Result(row));
  auto status = journal->Apply(change);
  ASSERT_TRUE(status) << status.error().message;
}

}  // namespace report::testing
