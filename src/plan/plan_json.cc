#include "plan/plan_json.h"

#include <climits>
#include <map>

#include "plan/json_writer.h"
#include "plan/plan_json_rules.h"
#include "plan/spec_json.h"
#include "util/json_reader.h"

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
    std::map<std::string, bool> known;  // each zone checked once
    for (const Window& window : plan.windows) {
      auto [it, added] = known.try_emplace(window.timezone, false);
      if (added) it->second = !window.timezone.empty() && util::CheckTimeZone(window.timezone);
      by_window[window.id] = it->second ? window.timezone : std::string();
    }
    for (const Session& session : plan.sessions)
      by_session[session.id] = Of(by_window, session.window);
  }
  static std::string Of(const std::map<std::string, std::string>& map, const std::string& key) {
    auto it = map.find(key);
    return it == map.end() ? std::string() : it->second;
  }
};

void WriteWindow(JsonWriter& writer, const Window& window, const std::string& zone) {
  writer.BeginObject();
  writer.StringField("id", window.id);
  writer.StringField("region", window.region);
  writer.StringField("name", window.name);
  writer.StringField("timezone", window.timezone);
  writer.StringField("start", FormatInstant(window.start, zone));
  writer.StringField("end", FormatInstant(window.end, zone));
  writer.IntField("max_jobs", window.max_jobs);
  std::vector<std::string> focus;
  for (Category category : window.focus) focus.emplace_back(ToString(category));
  writer.StringArrayField("focus", focus);
  writer.StringField("market_policy", window.market_policy);
  writer.EndObject();
}

void WriteSession(JsonWriter& writer, const Session& session, const std::string& zone,
                  int schema_version) {
  writer.BeginObject();
  writer.StringField("id", session.id);
  writer.StringField("region", session.region);
  writer.StringField("instance_type", session.instance_type);
  writer.IntField("vcpus", session.vcpus);
  writer.StringField("quota_class", session.quota_class);
  writer.StringField("market", ToString(session.market));
  writer.StringField("window", session.window);
  writer.StringField("start", FormatInstant(session.start, zone));
  writer.StringField("end", FormatInstant(session.end, zone));
  writer.Key("jobs");  // one per line: sessions can hold dozens of jobs
  writer.BeginArray();
  for (const std::string& job : session.jobs) writer.String(job);
  writer.EndArray();
  writer.FixedField("estimated_cost_usd", session.estimated_cost_usd);
  if (schema_version >= 2) {  // a version 1 plan is written back as it was read
    writer.FixedField("on_demand_usd_per_hour", session.on_demand_usd_per_hour);
    writer.FixedField("spot_usd_per_hour", session.spot_usd_per_hour);
    writer.FixedField("extras_usd_per_hour", session.extras_usd_per_hour);
    writer.IntField("size_wave", session.size_wave);
  }
  writer.EndObject();
}

// `zone` is null for an unscheduled job, which has no session, start or end.
void WriteJob(JsonWriter& writer, const Job& job, const std::string* zone, int schema_version) {
  writer.BeginObject();
  writer.StringField("id", job.id);
  writer.StringField("instance_type", job.instance_type);
  writer.StringField("benchmark", job.benchmark);
  writer.StringField("region", job.region);
  writer.IntField("priority", job.priority);
  if (zone != nullptr) {
    writer.StringField("session", job.session);
    writer.StringField("start", FormatInstant(job.start, *zone));
    writer.StringField("end", FormatInstant(job.end, *zone));
  }
  writer.IntField("estimated_duration_s", job.estimated_duration_s);
  if (schema_version >= 3)
    writer.StringField("estimate", FormatEstimate(job.estimate, job.estimate_source));
  writer.FixedField("estimated_cost_usd", job.estimated_cost_usd);
  writer.BoolField("prefer_spot", job.prefer_spot);
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
  writer.IntField("jobs_total", summary.jobs_total);
  writer.IntField("jobs_scheduled", summary.jobs_scheduled);
  writer.IntField("sessions", summary.sessions);
  writer.IntField("days_used", summary.days_used);
  writer.FixedField("estimated_cost_usd", summary.estimated_cost_usd);
  writer.FixedField("estimated_cost_on_demand_usd", summary.estimated_cost_on_demand_usd);
  writer.FixedField("cost_lower_bound_usd", summary.cost_lower_bound_usd);
  writer.FixedField("focus_share", summary.focus_share);
  writer.EndObject();
}

Window ReadWindow(util::JsonReader reader) {
  Window window;
  window.id = reader.NonEmptyString("id");
  window.region = reader.NonEmptyString("region");
  window.name = reader.Enum("name", kWindowNames);
  window.timezone = reader.String("timezone");
  if (auto status = util::CheckTimeZone(window.timezone); !status) {
    util::JsonFailAt(reader.PathOf("timezone"), status.error().message);
  }
  window.start = reader.Time("start");
  window.end = reader.Time("end");
  window.max_jobs = reader.Int32("max_jobs", 0, INT_MAX);
  const nlohmann::json& focus = reader.Array("focus");
  for (size_t i = 0; i < focus.size(); ++i) {
    std::string where = util::JsonIndexPath(reader.PathOf("focus"), i);
    std::string text = focus[i].is_string() ? focus[i].get<std::string>() : focus[i].dump();
    size_t index = 0;
    while (index < kCategories.size() && kCategories[index] != text) ++index;
    if (!focus[i].is_string() || index == kCategories.size()) {
      util::JsonFailAt(where, "unknown category " + focus[i].dump() +
                                  " (accepted: memory, compute, library, micro)");
    }
    window.focus.push_back(static_cast<Category>(index));
  }
  window.market_policy = reader.Enum("market_policy", kMarketPolicies);
  reader.RejectUnknownKeys();
  return window;
}

Session ReadSession(util::JsonReader reader, int schema_version) {
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
  if (schema_version >= 2) {
    session.on_demand_usd_per_hour = reader.Number("on_demand_usd_per_hour", 0, kMaxUsd);
    session.spot_usd_per_hour = reader.Number("spot_usd_per_hour", 0, kMaxUsd);
    session.extras_usd_per_hour = reader.Number("extras_usd_per_hour", 0, kMaxUsd);
    session.size_wave = reader.Int32("size_wave", 1, 4);
  }
  reader.RejectUnknownKeys();
  return session;
}

std::map<std::string, std::string> ReadTags(util::JsonReader& reader) {
  const nlohmann::json& tags = reader.Value("tags");
  if (!tags.is_object()) util::JsonFailAt(reader.PathOf("tags"), "must be an object of strings");
  std::map<std::string, std::string> result;
  for (const auto& item : tags.items()) {
    if (!item.value().is_string())
      util::JsonFailAt(reader.PathOf("tags") + "." + item.key(), "must be a string");
    result[item.key()] = item.value().get<std::string>();
  }
  return result;
}

// "model" or "measured:SOURCE" (FormatEstimate).
void ReadEstimate(util::JsonReader& reader, Job& job) {
  const std::string text = reader.NonEmptyString("estimate");
  const std::string measured = "measured:";
  if (text == "model") return;
  if (text.rfind(measured, 0) != 0 || text.size() == measured.size()) {
    util::JsonFailAt(reader.PathOf("estimate"),
                     "is '" + text + "' (accepted: model, or measured:SOURCE)");
  }
  job.estimate = EstimateBasis::kMeasured;
  job.estimate_source = text.substr(measured.size());
}

Job ReadJob(util::JsonReader reader, bool scheduled, int schema_version) {
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
  if (schema_version >= 3) ReadEstimate(reader, job);  // before 3: the model's
  job.estimated_cost_usd = reader.Number("estimated_cost_usd", 0, kMaxUsd);
  job.prefer_spot = reader.Bool("prefer_spot");
  job.tags = ReadTags(reader);
  reader.RejectUnknownKeys();
  return job;
}

Unscheduled ReadUnscheduled(util::JsonReader reader, int schema_version) {
  Unscheduled entry;
  entry.job = ReadJob(reader.Object("job"), /*scheduled=*/false, schema_version);
  entry.reason = reader.String("reason");
  entry.remedy = reader.String("remedy");
  reader.RejectUnknownKeys();
  return entry;
}

Summary ReadSummary(util::JsonReader reader) {
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
std::vector<T> ReadList(util::JsonReader& reader, const char* key, Read read) {
  const nlohmann::json& list = reader.Array(key);
  std::vector<T> items;
  items.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    items.push_back(read(util::JsonReader(list[i], util::JsonIndexPath(reader.PathOf(key), i))));
  }
  return items;
}

int ReadSchemaVersion(util::JsonReader& reader) {
  int64_t version = reader.Int("schema_version", INT64_MIN, INT64_MAX);
  if (version > kPlanSchemaVersion) {
    util::JsonFailAt("schema_version", "is " + std::to_string(version) +
                                           ": the plan was written by a newer version of this tool "
                                           "(this version reads schema_version 1 to " +
                                           std::to_string(kPlanSchemaVersion) + ")");
  }
  if (version < 1)
    util::JsonFailAt("schema_version", "must be 1 to " + std::to_string(kPlanSchemaVersion));
  return static_cast<int>(version);
}

Plan ReadPlan(const nlohmann::json& document) {
  util::JsonReader reader(document, "");
  Plan plan;
  // The version first: a newer file must say so, not fail on a field it added.
  plan.schema_version = ReadSchemaVersion(reader);
  util::JsonReader spec_reader = reader.Object("spec");
  plan.spec = ReadSpec(spec_reader);
  plan.windows = ReadList<Window>(reader, "windows", ReadWindow);
  plan.sessions = ReadList<Session>(reader, "sessions", [&](util::JsonReader session) {
    return ReadSession(std::move(session), plan.schema_version);
  });
  plan.jobs = ReadList<Job>(reader, "jobs", [&](util::JsonReader job) {
    return ReadJob(std::move(job), true, plan.schema_version);
  });
  plan.unscheduled = ReadList<Unscheduled>(reader, "unscheduled", [&](util::JsonReader entry) {
    return ReadUnscheduled(std::move(entry), plan.schema_version);
  });
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
  writer.IntField("schema_version", plan.schema_version);
  writer.Key("spec");
  WriteSpec(writer, plan.spec);
  writer.Key("windows");
  writer.BeginArray();
  for (const Window& window : plan.windows)
    WriteWindow(writer, window, Zones::Of(zones.by_window, window.id));
  writer.EndArray();
  writer.Key("sessions");
  writer.BeginArray();
  for (const Session& session : plan.sessions) {
    WriteSession(writer, session, Zones::Of(zones.by_window, session.window), plan.schema_version);
  }
  writer.EndArray();
  writer.Key("jobs");
  writer.BeginArray();
  for (const Job& job : plan.jobs) {
    std::string zone = Zones::Of(zones.by_session, job.session);
    WriteJob(writer, job, &zone, plan.schema_version);
  }
  writer.EndArray();
  writer.Key("unscheduled");
  writer.BeginArray();
  for (const Unscheduled& entry : plan.unscheduled) {
    writer.BeginObject();
    writer.Key("job");
    WriteJob(writer, entry.job, nullptr, plan.schema_version);
    writer.StringField("reason", entry.reason);
    writer.StringField("remedy", entry.remedy);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("summary");
  WriteSummary(writer, plan.summary);
  writer.EndObject();
  return writer.Finish();
}

util::Expected<Plan> LoadPlanJson(std::string_view text, const std::string& origin) {
  return util::ReadJsonDocument<Plan>(text, origin, ReadPlan);
}

}  // namespace plan
