#include "cloud/sim/sim_cloud.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cloud/sim/sim_state.h"
#include "cloud/tags.h"

namespace cloud::sim {

using util::FromSeconds;

namespace {

util::Error SimError(util::ErrorClass error_class, const std::string& code,
                     const std::string& message) {
  return util::MakeError(error_class, "sim: " + message + " (" + code + ")", code);
}

SimInstance ReadInstance(const store::Statement& s) {
  SimInstance in;
  in.id = s.Text(0);
  in.client_token = s.Text(1);
  in.campaign = s.Text(2);
  in.session = s.Text(3);
  in.attempt = static_cast<int>(s.Int(4));
  in.region = s.Text(5);
  in.zone = s.Text(6);
  in.market = s.Text(7);
  in.instance_type = s.Text(8);
  in.vcpus = static_cast<int>(s.Int(9));
  in.quota_class = s.Text(10);
  in.launched_at = s.Int(11);
  in.deadline = s.Int(12);
  in.terminate_at = s.OptionalInt(13);
  in.jobs = JobsFromJson(s.Text(14));
  in.tags = tag::FromText(s.Text(15));
  if (in.tags.empty()) {
    // Written before tags were stored: the tags every launch request carried then.
    in.tags = {{tag::kCampaign, in.campaign},
               {tag::kSession, in.session},
               {tag::kAttempt, std::to_string(in.attempt)}};
  }
  return in;
}

util::Expected<std::vector<SimInstance>> ReadInstances(store::Database& db) {
  return store::QueryAll<SimInstance>(db, "SELECT * FROM instance ORDER BY launched_at, id",
                                      ReadInstance);
}

util::Expected<std::string> ReadMeta(store::Database& db, const char* key) {
  auto s = db.Prepare("SELECT value FROM meta WHERE key=?");
  if (!s) return s.error();
  s->Bind(1, key);
  auto row = s->Step();
  if (!row) return row.error();
  if (!*row) return util::InvalidInput("sim state '" + db.path() + "' lacks its " + key);
  return s->Text(0);
}

}  // namespace

SimCloud::SimCloud(store::Database db, SimSetup setup)
    : db_(std::move(db)), setup_(std::move(setup)), now_(setup_.start.time_since_epoch().count()) {}

util::Expected<std::unique_ptr<SimCloud>> SimCloud::Open(const std::string& path,
                                                         const SimSetup& setup, bool create) {
  auto db = store::Database::Open(
      path, create ? store::Database::Mode::kCreate : store::Database::Mode::kOpenExisting);
  if (!db) {
    return util::InvalidInput("sim state file '" + path +
                              "' cannot be opened: " + db.error().message);
  }
  if (create) {
    if (auto status = db->Exec(kSimSchema); !status) return status.error();
    auto s = db->Prepare("INSERT OR REPLACE INTO meta VALUES ('now', ?)");
    if (!s) return s.error();
    s->Bind(1, std::to_string(setup.start.time_since_epoch().count()));
    if (auto status = s->Run(); !status) return status.error();
  }
  if (auto status = tag::EnsureTagsColumn(*db, "instance"); !status) return status.error();
  std::unique_ptr<SimCloud> cloud(new SimCloud(std::move(*db), setup));
  if (auto status = cloud->LoadState(); !status) return status.error();
  return cloud;
}

util::Status SimCloud::LoadState() {
  auto now_text = ReadMeta(db_, "now");
  if (!now_text) return now_text.error();
  now_ = std::stoll(*now_text);
  auto instances = ReadInstances(db_);
  if (!instances) return instances.error();
  for (SimInstance& in : *instances) Index(std::move(in));
  return {};
}

static std::string AttemptKey(const std::string& campaign, const std::string& session,
                              int attempt) {
  return campaign + "/" + session + "/" + std::to_string(attempt);
}

void SimCloud::Index(SimInstance in) {
  Timeline timeline = ComputeTimeline(setup_.config, in);
  by_token_[in.client_token] = in.id;
  by_attempt_[AttemptKey(in.campaign, in.session, in.attempt)] = in.id;
  if (timeline.terminated_at > now_) live_.insert(in.id);
  std::string id = in.id;
  instances_.emplace(id, Live{std::move(in), std::move(timeline), {}});
}

SimCloud::~SimCloud() { (void)SaveNow(); }

// Virtual time is saved with every mutation and on close, not on every tick: the executor
// moves the clock forward to its journal's latest instant on resume, so a tick lost in a
// crash is replayed, never contradicted.
util::Status SimCloud::SaveNow() {
  auto s = db_.Prepare("UPDATE meta SET value=? WHERE key='now'");
  if (!s) return s.error();
  return s->Bind(1, std::to_string(now_)).Run();
}

util::Expected<std::vector<HistoryEntry>> SimCloud::History(const std::string& path,
                                                            const SimConfig& config) {
  auto db = store::Database::Open(path, store::Database::Mode::kOpenExisting);
  if (!db) return db.error();
  auto instances = ReadInstances(*db);
  if (!instances) return instances.error();
  std::vector<HistoryEntry> history;
  for (SimInstance& in : *instances) {
    Timeline timeline = ComputeTimeline(config, in);
    history.push_back(HistoryEntry{std::move(in), std::move(timeline)});
  }
  return history;
}

void SimCloud::AdvanceTo(util::TimePoint until) {
  int64_t target = until.time_since_epoch().count();
  if (target <= now_) return;
  now_ = target;
  for (auto it = live_.begin(); it != live_.end();) {
    it = instances_.at(*it).timeline.terminated_at <= now_ ? live_.erase(it) : std::next(it);
  }
}

// Whether a call is throttled depends only on the seed, the call, a key that names what it
// acts on and the virtual second: no call counter, so a controller that crashes and repeats
// a call in the same second gets the same answer, and two campaigns of one plan (whose
// client tokens differ by campaign id) see the same faults.
util::Status SimCloud::Throttle(std::string_view call, std::string_view key) {
  if (setup_.config.throttle_rate <= 0) return {};
  std::string second = std::to_string(now_);
  if (Draw(setup_.config.seed, {"throttle", call, key, second}) < setup_.config.throttle_rate) {
    return SimError(util::ErrorClass::kThrottling, "RequestLimitExceeded",
                    "request rate exceeded for " + std::string(call));
  }
  return {};
}

util::Status SimCloud::CheckCapacity(const LaunchRequest& r) {
  std::string attempt = std::to_string(r.attempt);
  if (Draw(setup_.config.seed, {"capacity", r.session, attempt, r.zone, r.market}) <
      setup_.config.capacity_error_rate) {
    return SimError(util::ErrorClass::kCapacity, "InsufficientInstanceCapacity",
                    "no " + r.market + " capacity for " + r.instance_type + " in " + r.zone);
  }
  auto pool = static_cast<int>(
      2 + HashOf(setup_.config.seed, {"pool", r.instance_type, r.zone, r.market}) % 4);
  int used = 0;
  for (const std::string& id : live_) {
    const SimInstance& in = instances_.at(id).instance;
    if (in.instance_type == r.instance_type && in.zone == r.zone && in.market == r.market) ++used;
  }
  if (used >= pool) {
    return SimError(util::ErrorClass::kCapacity, "InsufficientInstanceCapacity",
                    "the " + r.instance_type + " " + r.market + " pool in " + r.zone + " is full");
  }
  return {};
}

util::Status SimCloud::CheckQuota(const LaunchRequest& r) {
  auto headroom = QuotaHeadroom(r.region, r.quota_class, r.market);
  if (headroom && *headroom < r.vcpus) {
    bool spot = r.market == "spot";
    return SimError(util::ErrorClass::kQuota,
                    spot ? "MaxSpotInstanceCountExceeded" : "VcpuLimitExceeded",
                    "vCPU quota of class " + r.quota_class + " (" + r.market + ") exhausted");
  }
  return {};
}

util::Expected<std::string> SimCloud::Launch(const LaunchRequest& r) {
  if (auto status = Throttle("RunInstances", r.session + "/" + std::to_string(r.attempt)); !status)
    return status.error();
  if (auto found = by_token_.find(r.client_token); found != by_token_.end()) {
    const SimInstance& in = instances_.at(found->second).instance;
    if (in.instance_type != r.instance_type || in.market != r.market || in.zone != r.zone) {
      return SimError(util::ErrorClass::kFatal, "IdempotentParameterMismatch",
                      "client token " + r.client_token + " was used with other parameters");
    }
    return found->second;
  }
  if (auto status = CheckCapacity(r); !status) return status.error();
  if (auto status = CheckQuota(r); !status) return status.error();
  SimInstance in{};
  char id[32];
  std::snprintf(id, sizeof id, "i-0%016llx",
                static_cast<unsigned long long>(HashOf(setup_.config.seed, {r.client_token})));
  in.id = id;
  in.client_token = r.client_token;
  in.campaign = r.campaign;
  in.session = r.session;
  in.attempt = r.attempt;
  in.region = r.region;
  in.zone = r.zone;
  in.market = r.market;
  in.instance_type = r.instance_type;
  in.vcpus = r.vcpus;
  in.quota_class = r.quota_class;
  in.launched_at = now_;
  in.deadline = r.deadline.time_since_epoch().count();
  in.jobs = r.payload;
  in.tags = r.tags;
  // The instance, its log line and the clock in one commit: one fsync, and no state file
  // that holds an instance without the instant it was launched at.
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto s = db_.Prepare("INSERT INTO instance VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?)");
  if (!s) return s.error();
  s->Bind(1, in.id).Bind(2, in.client_token).Bind(3, in.campaign).Bind(4, in.session);
  s->Bind(5, in.attempt).Bind(6, in.region).Bind(7, in.zone).Bind(8, in.market);
  s->Bind(9, in.instance_type).Bind(10, in.vcpus).Bind(11, in.quota_class);
  s->Bind(12, in.launched_at).Bind(13, in.deadline).Bind(14, JobsToJson(in.jobs));
  s->Bind(15, tag::ToText(in.tags));
  if (auto status = s->Run(); !status) return status.error();
  (void)Log("launch", in.id, r.client_token);
  (void)SaveNow();
  if (auto status = tx->Commit(); !status) return status.error();
  std::string key = in.id;
  std::string token = in.client_token;
  Index(std::move(in));
  if (Draw(setup_.config.seed, {"lost-reply", token}) < setup_.config.lost_reply_rate) {
    return SimError(util::ErrorClass::kTimeout, "RequestTimeout",
                    "no reply to RunInstances (the instance may have started)");
  }
  return key;
}

// Eventual consistency: a lagging instance exists (it runs, costs and counts against the
// quota) but Describe does not list it yet.
bool SimCloud::Visible(const SimInstance& in) const {
  const SimConfig& c = setup_.config;
  if (c.describe_lag_s <= 0 || now_ >= in.launched_at + c.describe_lag_s) return true;
  return Draw(c.seed, {"describe-lag", in.client_token}) >= c.describe_lag_rate;
}

InstanceInfo SimCloud::Info(const Live& live) const {
  const SimInstance& in = live.instance;
  InstanceInfo info;
  info.id = in.id;
  info.client_token = in.client_token;
  info.region = in.region;
  info.zone = in.zone;
  info.market = in.market;
  info.instance_type = in.instance_type;
  info.state = StateAt(live.timeline, now_);
  info.launched_at = FromSeconds(in.launched_at);
  if (info.state == InstanceState::kTerminated)
    info.ended_at = FromSeconds(live.timeline.terminated_at);
  if (live.timeline.interruption_notice && *live.timeline.interruption_notice <= now_) {
    info.interruption_notice = FromSeconds(*live.timeline.interruption_notice);
  }
  info.tags = in.tags;
  return info;
}

util::Expected<std::vector<InstanceInfo>> SimCloud::Describe(const std::string& region,
                                                             const std::vector<std::string>& ids) {
  if (auto status = Throttle("DescribeInstances", region); !status) return status.error();
  std::vector<InstanceInfo> out;
  for (const std::string& id : ids) {
    auto found = instances_.find(id);
    if (found != instances_.end() && found->second.instance.region == region &&
        Visible(found->second.instance)) {
      out.push_back(Info(found->second));
    }
  }
  return out;
}

util::Expected<std::vector<InstanceInfo>> SimCloud::DescribeByTag(const std::string& region,
                                                                  const std::string& key,
                                                                  const std::string& value) {
  if (auto status = Throttle("DescribeInstances", region); !status) return status.error();
  std::vector<InstanceInfo> out;
  for (const auto& [id, live] : instances_) {
    if (live.instance.region != region || !Visible(live.instance)) continue;
    InstanceInfo info = Info(live);
    auto tag = info.tags.find(key);
    if (tag != info.tags.end() && tag->second == value) out.push_back(std::move(info));
  }
  return out;
}

util::Status SimCloud::Terminate(const std::string& region, const std::vector<std::string>& ids) {
  if (auto status = Throttle("TerminateInstances", region); !status) return status;
  for (const std::string& id : ids) {
    if (!instances_.count(id)) {
      return SimError(util::ErrorClass::kFatal, "InvalidInstanceID.NotFound", "no instance " + id);
    }
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return tx.error();
  for (const std::string& id : ids) {
    Live& live = instances_.at(id);
    if (live.instance.terminate_at || now_ >= live.timeline.shutting_down_at) {
      continue;  // already terminating: TerminateInstances is idempotent
    }
    auto s = db_.Prepare("UPDATE instance SET terminate_at=? WHERE id=?");
    if (!s) return s.error();
    if (auto status = s->Bind(1, now_).Bind(2, id).Run(); !status) return status;
    (void)Log("terminate", id, "");
    (void)SaveNow();
    live.instance.terminate_at = now_;
    live.timeline = ComputeTimeline(setup_.config, live.instance);
    live.documents.clear();
  }
  return tx->Commit();
}

std::string SimCloud::ResultJson(const Live& live, const SimJobRun& run) const {
  const SimInstance& in = live.instance;
  std::string benchmark;
  for (const JobSpec& job : in.jobs) {
    if (job.id == run.job) benchmark = job.benchmark;
  }
  nlohmann::json doc = {
      {"schema", "abc-sim-result/1"},
      {"simulated", true},
      {"note", "simulated run: logistics only, no measurement was made"},
      {"job", run.job},
      {"benchmark", benchmark},
      {"status", run.status},
      {"reason", run.reason},
      {"campaign", in.campaign},
      {"session", in.session},
      {"attempt", in.attempt},
      {"instance_id", in.id},
      {"instance_type", in.instance_type},
      {"region", in.region},
      {"zone", in.zone},
      {"market", in.market},
      {"started_at", util::FormatIso8601Utc(FromSeconds(run.start))},
      {"ended_at", util::FormatIso8601Utc(FromSeconds(run.end))},
  };
  return doc.dump();
}

util::Expected<std::vector<ResultDoc>> SimCloud::FetchResults(
    const std::string& campaign, const std::string& session, int attempt,
    const std::set<std::string>& known_jobs) {
  std::vector<ResultDoc> out;
  auto found = by_attempt_.find(AttemptKey(campaign, session, attempt));
  if (found == by_attempt_.end()) return out;
  Live& live = instances_.at(found->second);
  for (size_t i = 0; i < live.timeline.runs.size(); ++i) {
    const SimJobRun& run = live.timeline.runs[i];
    if (run.end > now_) break;  // runs are in time order
    if (known_jobs.count(run.job)) continue;
    live.documents.resize(live.timeline.runs.size());
    if (live.documents[i].empty()) live.documents[i] = ResultJson(live, run);
    out.push_back(ResultDoc{run.job, live.instance.id, run.status, run.reason,
                            FromSeconds(run.start), FromSeconds(run.end), live.documents[i]});
  }
  return out;
}

util::Expected<double> SimCloud::SpotPrice(const std::string& instance_type,
                                           const std::string& zone) {
  auto found = setup_.on_demand_usd_per_hour.find(instance_type);
  if (found == setup_.on_demand_usd_per_hour.end()) {
    return SimError(util::ErrorClass::kNotFound, "InvalidInstanceType",
                    "no price known for " + instance_type);
  }
  // Simulated spot price: the plan's ratio, varied per zone by at most ±10%.
  double jitter = 0.9 + 0.2 * Draw(setup_.config.seed, {"spot-price", instance_type, zone});
  return std::min(found->second, found->second * setup_.config.spot_price_ratio * jitter);
}

util::Expected<int> SimCloud::QuotaHeadroom(const std::string& region,
                                            const std::string& quota_class,
                                            const std::string& market) {
  auto known = catalog::MarketFromText(market);
  if (!known) return util::InvalidInput("market '" + market + "' (accepted: on-demand, spot)");
  auto quota = setup_.quotas.find({quota_class, *known});
  if (quota == setup_.quotas.end()) return 1 << 30;
  int used = 0;
  for (const std::string& id : live_) {
    const Live& live = instances_.at(id);
    const SimInstance& in = live.instance;
    // A shutting-down instance no longer counts against the running-vCPU quota.
    if (in.region == region && in.quota_class == quota_class && in.market == market &&
        now_ < live.timeline.shutting_down_at) {
      used += in.vcpus;
    }
  }
  return quota->second - used;
}

std::optional<util::TimePoint> SimCloud::NextChange() {
  std::optional<int64_t> next;
  auto consider = [&](int64_t t) {
    if (t > now_ && (!next || t < *next)) next = t;
  };
  for (const std::string& id : live_) {
    const Timeline& t = instances_.at(id).timeline;
    consider(t.running_at);
    consider(t.shutting_down_at);
    consider(t.terminated_at);
    if (t.interruption_notice) consider(*t.interruption_notice);
    for (const SimJobRun& run : t.runs) consider(run.end);
  }
  if (!next) return std::nullopt;
  return FromSeconds(*next);
}

std::vector<std::string> SimCloud::Zones(const std::string& region) {
  std::vector<std::string> zones;
  for (int i = 0; i < setup_.config.zones_per_region; ++i) {
    zones.push_back(region + static_cast<char>('a' + i));
  }
  return zones;
}

util::Status SimCloud::Log(std::string_view kind, const std::string& instance,
                           const std::string& detail) {
  auto s = db_.Prepare("INSERT INTO log (at, kind, instance, detail) VALUES (?,?,?,?)");
  if (!s) return s.error();
  return s->Bind(1, now_).Bind(2, kind).Bind(3, instance).Bind(4, detail).Run();
}

}  // namespace cloud::sim
