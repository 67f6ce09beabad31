#include "plan/plan_json.h"

#include <climits>
#include <map>

#include "plan/json_reader.h"
#include "plan/json_writer.h"
#include "plan/plan_json_rules.h"
#include "plan/spec_json.h"

namespace plan {
namespace {

constexpr int64_t kMaxDurationS = 10LL * 366 * 86400;
const std::vector<std::string> kMarkets = {"on-demand", "spot"};
const std::vector<std::string> kCategories = {"memory", "compute", "library", "micro"};
const std::vector<std::string> kWindowNames = {"morning", "afternoon", "evening"};
const std::vector<std::string> kMarketPolicies = {"cost-optimized", "balanced", "spot-optimized"};

// The zone each session's and job's times are written in: that of its window.
struct Zones {
  std::map<std::string, std::string> by_window;
  std::map<std::string, std::string> by_session;

  explicit Zones(const Plan& plan) {
    for (const Window& window : plan.windows) by_window[window.id] = window.timezone;
    for (const Session& session : plan.sessions) by_session[session.id] = Of(by_window, session.window);
  }
  static std::string Of(const std::map<std::string, std::string>& map, const std::string& key) {
    auto it = map.find(key);
    return it == map.end() ? std::string() : it->second;
  }
};

void WriteWindow(JsonWriter& writer, const Window& window) {
  writer.BeginObject();
  writer.Key("id");
  writer.String(window.id);
  writer.Key("region");
  writer.String(window.region);
  writer.Key("name");
  writer.String(window.name);
  writer.Key("timezone");
  writer.String(window.timezone);
  writer.Key("start");
  writer.String(FormatInstant(window.start, window.timezone));
  writer.Key("end");
  writer.String(FormatInstant(window.end, window.timezone));
  writer.Key("max_jobs");
  writer.Int(window.max_jobs);
  std::vector<std::string> focus;
  for (Category category : window.focus) focus.emplace_back(ToString(category));
  writer.Key("focus");
  writer.StringArray(focus);
  writer.Key("market_policy");
  writer.String(window.market_policy);
  writer.EndObject();
}

void WriteSession(JsonWriter& writer, const Session& session, const std::string& zone) {
  writer.BeginObject();
  writer.Key("id");
  writer.String(session.id);
  writer.Key("region");
  writer.String(session.region);
  writer.Key("instance_type");
  writer.String(session.instance_type);
  writer.Key("vcpus");
  writer.Int(session.vcpus);
  writer.Key("quota_class");
  writer.String(session.quota_class);
  writer.Key("market");
  writer.String(ToString(session.market));
  writer.Key("window");
  writer.String(session.window);
  writer.Key("start");
  writer.String(FormatInstant(session.start, zone));
  writer.Key("end");
  writer.String(FormatInstant(session.end, zone));
  writer.Key("jobs");  // one per line: sessions can hold dozens of jobs
  writer.BeginArray();
  for (const std::string& job : session.jobs) writer.String(job);
  writer.EndArray();
  writer.Key("estimated_cost_usd");
  writer.Fixed(session.estimated_cost_usd);
  writer.EndObject();
}

// `zone` is null for an unscheduled job, which has no session, start or end.
void WriteJob(JsonWriter& writer, const Job& job, const std::string* zone) {
  writer.BeginObject();
  writer.Key("id");
  writer.String(job.id);
  writer.Key("instance_type");
  writer.String(job.instance_type);
  writer.Key("benchmark");
  writer.String(job.benchmark);
  writer.Key("region");
  writer.String(job.region);
  writer.Key("priority");
  writer.Int(job.priority);
  if (zone != nullptr) {
    writer.Key("session");
    writer.String(job.session);
    writer.Key("start");
    writer.String(FormatInstant(job.start, *zone));
    writer.Key("end");
    writer.String(FormatInstant(job.end, *zone));
  }
  writer.Key("estimated_duration_s");
  writer.Int(job.estimated_duration_s);
  writer.Key("estimated_cost_usd");
  writer.Fixed(job.estimated_cost_usd);
  writer.Key("prefer_spot");
  writer.Bool(job.prefer_spot);
  writer.Key("tags");
  writer.BeginObject();
  for (const auto& [key, value] : job.tags) {
    writer.Key(key);
    writer.String(value);
  }
  writer.EndObject();
  writer.EndObject();
}

void WriteSummary(JsonWriter& writer, const Summary& summary) {
  writer.BeginObject();
  writer.Key("jobs_total");
  writer.Int(summary.jobs_total);
  writer.Key("jobs_scheduled");
  writer.Int(summary.jobs_scheduled);
  writer.Key("sessions");
  writer.Int(summary.sessions);
  writer.Key("days_used");
  writer.Int(summary.days_used);
  writer.Key("estimated_cost_usd");
  writer.Fixed(summary.estimated_cost_usd);
  writer.Key("estimated_cost_on_demand_usd");
  writer.Fixed(summary.estimated_cost_on_demand_usd);
  writer.Key("cost_lower_bound_usd");
  writer.Fixed(summary.cost_lower_bound_usd);
  writer.Key("focus_share");
  writer.Fixed(summary.focus_share);
  writer.EndObject();
}

Window ReadWindow(ObjectReader reader) {
  Window window;
  window.id = reader.NonEmptyString("id");
  window.region = reader.NonEmptyString("region");
  window.name = reader.Enum("name", kWindowNames);
  window.timezone = reader.String("timezone");
  if (auto status = util::CheckTimeZone(window.timezone); !status) {
    FailAt(reader.PathOf("timezone"), status.error().message);
  }
  window.start = reader.Time("start");
  window.end = reader.Time("end");
  window.max_jobs = reader.Int32("max_jobs", 0, INT_MAX);
  const nlohmann::json& focus = reader.Array("focus");
  for (size_t i = 0; i < focus.size(); ++i) {
    std::string where = IndexPath(reader.PathOf("focus"), i);
    std::string text = focus[i].is_string() ? focus[i].get<std::string>() : focus[i].dump();
    size_t index = 0;
    while (index < kCategories.size() && kCategories[index] != text) ++index;
    if (!focus[i].is_string() || index == kCategories.size()) {
      FailAt(where, "unknown category " + focus[i].dump() + " (accepted: memory, compute, library, micro)");
    }
    window.focus.push_back(static_cast<Category>(index));
  }
  window.market_policy = reader.Enum("market_policy", kMarketPolicies);
  reader.RejectUnknownKeys();
  return window;
}

Session ReadSession(ObjectReader reader) {
  Session session;
  session.id = reader.NonEmptyString("id");
  session.region = reader.NonEmptyString("region");
  session.instance_type = reader.NonEmptyString("instance_type");
  session.vcpus = reader.Int32("vcpus", 1, INT_MAX);
  session.quota_class = reader.NonEmptyString("quota_class");
  session.market = reader.Enum("market", kMarkets) == "spot" ? Market::kSpot : Market::kOnDemand;
  session.window = reader.NonEmptyString("window");
  session.start = reader.Time("start");
  session.end = reader.Time("end");
  session.jobs = reader.Strings("jobs");
  session.estimated_cost_usd = reader.Number("estimated_cost_usd", 0, kMaxUsd);
  reader.RejectUnknownKeys();
  return session;
}

std::map<std::string, std::string> ReadTags(ObjectReader& reader) {
  const nlohmann::json& tags = reader.Value("tags");
  if (!tags.is_object()) FailAt(reader.PathOf("tags"), "must be an object of strings");
  std::map<std::string, std::string> result;
  for (const auto& item : tags.items()) {
    if (!item.value().is_string()) FailAt(reader.PathOf("tags") + "." + item.key(), "must be a string");
    result[item.key()] = item.value().get<std::string>();
  }
  return result;
}

Job ReadJob(ObjectReader reader, bool scheduled) {
  Job job;
  job.id = reader.NonEmptyString("id");
  job.instance_type = reader.NonEmptyString("instance_type");
  job.benchmark = reader.NonEmptyString("benchmark");
  job.region = reader.NonEmptyString("region");
  job.priority = reader.Int32("priority", INT_MIN, INT_MAX);
  if (scheduled) {
    job.session = reader.NonEmptyString("session");
    job.start = reader.Time("start");
    job.end = reader.Time("end");
  }
  job.estimated_duration_s = reader.Int("estimated_duration_s", 0, kMaxDurationS);
  job.estimated_cost_usd = reader.Number("estimated_cost_usd", 0, kMaxUsd);
  job.prefer_spot = reader.Bool("prefer_spot");
  job.tags = ReadTags(reader);
  reader.RejectUnknownKeys();
  return job;
}

Unscheduled ReadUnscheduled(ObjectReader reader) {
  Unscheduled entry;
  entry.job = ReadJob(reader.Object("job"), /*scheduled=*/false);
  entry.reason = reader.String("reason");
  entry.remedy = reader.String("remedy");
  reader.RejectUnknownKeys();
  return entry;
}

Summary ReadSummary(ObjectReader reader) {
  Summary summary;
  summary.jobs_total = reader.Int32("jobs_total", 0, INT_MAX);
  summary.jobs_scheduled = reader.Int32("jobs_scheduled", 0, INT_MAX);
  summary.sessions = reader.Int32("sessions", 0, INT_MAX);
  summary.days_used = reader.Int32("days_used", 0, INT_MAX);
  summary.estimated_cost_usd = reader.Number("estimated_cost_usd", 0, kMaxUsd);
  summary.estimated_cost_on_demand_usd = reader.Number("estimated_cost_on_demand_usd", 0, kMaxUsd);
  summary.cost_lower_bound_usd = reader.Number("cost_lower_bound_usd", 0, kMaxUsd);
  summary.focus_share = reader.Number("focus_share", 0, 1);
  reader.RejectUnknownKeys();
  return summary;
}

template <typename T, typename Read>
std::vector<T> ReadList(ObjectReader& reader, const char* key, Read read) {
  const nlohmann::json& list = reader.Array(key);
  std::vector<T> items;
  items.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    items.push_back(read(ObjectReader(list[i], IndexPath(reader.PathOf(key), i))));
  }
  return items;
}

int ReadSchemaVersion(ObjectReader& reader) {
  int64_t version = reader.Int("schema_version", INT64_MIN, INT64_MAX);
  if (version > kPlanSchemaVersion) {
    FailAt("schema_version", "is " + std::to_string(version) +
                                 ": the plan was written by a newer version of this tool "
                                 "(this version reads schema_version 1 to " +
                                 std::to_string(kPlanSchemaVersion) + ")");
  }
  if (version < 1) FailAt("schema_version", "must be 1 to " + std::to_string(kPlanSchemaVersion));
  return static_cast<int>(version);
}

Plan ReadPlan(const nlohmann::json& document) {
  ObjectReader reader(document, "");
  Plan plan;
  // The version first: a newer file must say so, not fail on a field it added.
  plan.schema_version = ReadSchemaVersion(reader);
  ObjectReader spec_reader = reader.Object("spec");
  plan.spec = ReadSpec(spec_reader);
  plan.windows = ReadList<Window>(reader, "windows", ReadWindow);
  plan.sessions = ReadList<Session>(reader, "sessions", ReadSession);
  plan.jobs = ReadList<Job>(reader, "jobs", [](ObjectReader job) { return ReadJob(std::move(job), true); });
  plan.unscheduled = ReadList<Unscheduled>(reader, "unscheduled", ReadUnscheduled);
  plan.summary = ReadSummary(reader.Object("summary"));
  reader.RejectUnknownKeys();
  CheckLoadedPlan(plan);
  return plan;
}

}  // namespace

std::string WritePlanJson(const Plan& plan) {
  Zones zones(plan);
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("schema_version");
  writer.Int(plan.schema_version);
  writer.Key("spec");
  WriteSpec(writer, plan.spec);
  writer.Key("windows");
  writer.BeginArray();
  for (const Window& window : plan.windows) WriteWindow(writer, window);
  writer.EndArray();
  writer.Key("sessions");
  writer.BeginArray();
  for (const Session& session : plan.sessions) {
    WriteSession(writer, session, Zones::Of(zones.by_window, session.window));
  }
  writer.EndArray();
  writer.Key("jobs");
  writer.BeginArray();
  for (const Job& job : plan.jobs) {
    std::string zone = Zones::Of(zones.by_session, job.session);
    WriteJob(writer, job, &zone);
  }
  writer.EndArray();
  writer.Key("unscheduled");
  writer.BeginArray();
  for (const Unscheduled& entry : plan.unscheduled) {
    writer.BeginObject();
    writer.Key("job");
    WriteJob(writer, entry.job, nullptr);
    writer.Key("reason");
    writer.String(entry.reason);
    writer.Key("remedy");
    writer.String(entry.remedy);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("summary");
  WriteSummary(writer, plan.summary);
  writer.EndObject();
  return writer.Finish();
}

util::Expected<Plan> LoadPlanJson(std::string_view text, const std::string& origin) {
  return ReadDocument<Plan>(text, origin, ReadPlan);
}

}  // namespace plan
