#include "cloud/local/local_cloud.h"

#include "cloud/tags.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <utility>

#include "store/sha256.h"
#include "util/files.h"

namespace cloud::local {

using util::FromSeconds;

namespace {

int64_t RealNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

util::Error LocalError(util::ErrorClass error_class, const std::string& code,
                       const std::string& message) {
  return util::MakeError(error_class, "local: " + message + " (" + code + ")", code);
}

std::string StatePath(const std::string& dir) { return dir + "/state.db"; }

}  // namespace

LocalCloud::LocalCloud(std::string dir, store::Database db, LocalSetup setup,
                       std::unique_ptr<Processes> processes)
    : dir_(std::move(dir)),
      db_(std::move(db)),
      setup_(std::move(setup)),
      processes_(std::move(processes)) {}

util::Expected<std::unique_ptr<LocalCloud>> LocalCloud::Create(
    const std::string& dir, const LocalSetup& setup, std::unique_ptr<Processes> processes) {
  std::error_code error;
  if (std::filesystem::exists(dir, error)) {
    return util::InvalidInput("local state folder '" + dir + "' already exists");
  }
  if (!std::filesystem::create_directories(dir, error)) {
    return util::InvalidInput("local state folder '" + dir +
                              "' cannot be created: " + error.message());
  }
  auto db = store::Database::Open(StatePath(dir), store::Database::Mode::kCreate);
  if (!db) return db.error();
  if (auto status = db->Exec(kLocalSchema); !status) return status.error();
  int64_t offset = setup.start - RealNow();
  if (auto status = WriteOffset(*db, offset); !status) return status.error();
  std::unique_ptr<LocalCloud> cloud(
      new LocalCloud(dir, std::move(*db), setup, std::move(processes)));
  cloud->offset_ = offset;
  if (auto status = cloud->Load(); !status) return status.error();
  return cloud;
}

util::Expected<std::unique_ptr<LocalCloud>> LocalCloud::Open(const std::string& dir,
                                                             const LocalSetup& setup,
                                                             std::unique_ptr<Processes> processes) {
  auto db = store::Database::Open(StatePath(dir), store::Database::Mode::kOpenExisting);
  if (!db) {
    return util::InvalidInput("local state file '" + StatePath(dir) +
                              "' cannot be opened: " + db.error().message);
  }
  if (auto status = tag::EnsureTagsColumn(*db, "instance"); !status) return status.error();
  auto offset = ReadOffset(*db);
  if (!offset) return offset.error();
  std::unique_ptr<LocalCloud> cloud(
      new LocalCloud(dir, std::move(*db), setup, std::move(processes)));
  cloud->offset_ = *offset;
  if (auto status = cloud->Load(); !status) return status.error();
  return cloud;
}

util::Status LocalCloud::Load() {
  auto instances = ReadInstances(db_);
  if (!instances) return instances.error();
  for (LocalInstance& in : *instances) {
    by_token_[in.client_token] = in.id;
    std::string id = in.id;
    instances_.emplace(id, std::move(in));
  }
  return {};
}

int64_t LocalCloud::Now() const { return RealNow() + offset_; }

bool LocalCloud::Refresh() {
  bool running = false;
  for (auto& [id, in] : instances_) {
    if (in.ended_at) continue;
    if (processes_->Alive(in.process)) {
      running = true;
      continue;
    }
    in.ended_at = EndOf(in);
    ended_unseen_ = true;
    (void)UpdateTimes(db_, in);  // seen gone again on the next call if this write failed
  }
  return running;
}

// When the instance was seen gone is late for a child that ended while no controller
// watched it; when every job has finished, the last job's end is its true end.
int64_t LocalCloud::EndOf(const LocalInstance& in) const {
  int64_t now = Now();
  if (in.jobs.empty()) return now;
  auto last = util::ReadFile(StatusPath(in, in.jobs.size() - 1));
  long long start = 0, end = 0;
  if (!last || std::sscanf(last->c_str(), "%lld %lld", &start, &end) != 2) return now;
  return std::clamp<int64_t>(end + in.offset, in.launched_at, now);
}

std::vector<std::string> LocalCloud::Zones(const std::string&) { return {"local"}; }

util::Expected<std::string> LocalCloud::Launch(const LaunchRequest& r) {
  if (auto found = by_token_.find(r.client_token); found != by_token_.end()) {
    const LocalInstance& in = instances_.at(found->second);
    if (in.planned_type != r.instance_type || in.market != r.market || in.zone != r.zone ||
        in.session != r.session) {
      return LocalError(util::ErrorClass::kFatal, "IdempotentParameterMismatch",
                        "client token " + r.client_token + " was used with other parameters");
    }
    return found->second;
  }
  if (Refresh()) {
    // One agent at a time: the executor backs off and retries with the same token.
    return LocalError(util::ErrorClass::kThrottling, "LocalAgentBusy",
                      "an agent of this campaign is still running on this machine");
  }
  LocalInstance in;
  in.id = "local-" + store::Sha256Hex(r.client_token).substr(0, 17);
  in.client_token = r.client_token;
  in.campaign = r.campaign;
  in.session = r.session;
  in.attempt = r.attempt;
  in.region = r.region;
  in.zone = r.zone;
  in.market = r.market;
  in.planned_type = r.instance_type;
  in.launched_at = Now();
  in.offset = offset_;
  in.deadline = r.deadline.time_since_epoch().count();
  in.jobs = r.payload;
  in.tags = r.tags;
  std::error_code error;
  std::filesystem::create_directories(InstanceDir(in.id), error);
  if (error) {
    return LocalError(util::ErrorClass::kIo, "LocalFolder",
                      "cannot create '" + InstanceDir(in.id) + "': " + error.message());
  }
  auto suites = StageSuites(in, r.suites);
  if (!suites) return suites.error();
  auto started = processes_->Start(CommandFor(in, *suites), [&](const ProcessId& process) {
    in.process = process;
    return InsertInstance(db_, in);
  });
  if (!started) return started.error();
  by_token_[in.client_token] = in.id;
  std::string id = in.id;
  instances_.emplace(id, std::move(in));
  return id;
}

InstanceInfo LocalCloud::Info(const LocalInstance& in) const {
  InstanceInfo info;
  info.id = in.id;
  info.client_token = in.client_token;
  info.region = in.region;
  info.zone = in.zone;
  info.market = in.market;
  info.instance_type = "local";
  info.state = in.ended_at       ? InstanceState::kTerminated
               : in.terminate_at ? InstanceState::kShuttingDown
                                 : InstanceState::kRunning;
  info.launched_at = FromSeconds(in.launched_at);
  if (in.ended_at) info.ended_at = FromSeconds(*in.ended_at);
  info.tags = in.tags;
  // The agent reports "local" as its type; the tag keeps what the plan asked for.
  info.tags["abc:planned-instance-type"] = in.planned_type;
  return info;
}

util::Expected<std::vector<InstanceInfo>> LocalCloud::Describe(
    const std::string& region, const std::vector<std::string>& ids) {
  Refresh();
  std::vector<InstanceInfo> out;
  for (const std::string& id : ids) {
    auto found = instances_.find(id);
    if (found != instances_.end() && found->second.region == region) {
      out.push_back(Info(found->second));
    }
  }
  return out;
}

util::Expected<std::vector<InstanceInfo>> LocalCloud::DescribeByTag(const std::string& region,
                                                                    const std::string& key,
                                                                    const std::string& value) {
  Refresh();
  std::vector<InstanceInfo> out;
  for (const auto& [id, in] : instances_) {
    if (in.region != region) continue;
    InstanceInfo info = Info(in);
    auto tag = info.tags.find(key);
    if (tag != info.tags.end() && tag->second == value) out.push_back(std::move(info));
  }
  return out;
}

util::Status LocalCloud::Terminate(const std::string&, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    auto found = instances_.find(id);
    if (found == instances_.end()) {
      return LocalError(util::ErrorClass::kFatal, "InvalidInstanceID.NotFound",
                        "no instance " + id);
    }
    LocalInstance& in = found->second;
    if (in.ended_at) continue;  // terminating an ended instance is a no-op, as on EC2
    if (!in.terminate_at) {
      in.terminate_at = Now();
      if (auto status = UpdateTimes(db_, in); !status) return status;
    }
    processes_->KillGroup(in.process);
  }
  // SIGKILL takes effect within milliseconds; waiting a little lets a one-shot caller such
  // as `cleanup` record the end instead of leaving it to the next Describe.
  for (int i = 0; i < 100; ++i) {
    bool any = false;
    for (const std::string& id : ids) any = any || processes_->Alive(instances_.at(id).process);
    if (!any) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Refresh();
  return {};
}

util::Expected<std::vector<ResultDoc>> LocalCloud::FetchResults(
    const std::string& campaign, const std::string& session, int attempt,
    const std::set<std::string>& known_jobs) {
  std::vector<ResultDoc> out;
  for (const auto& [id, in] : instances_) {
    if (in.campaign != campaign || in.session != session || in.attempt != attempt) continue;
    for (size_t i = 0; i < in.jobs.size(); ++i) {
      if (known_jobs.count(in.jobs[i].id)) continue;
      auto status = util::ReadFile(StatusPath(in, i));
      if (!status) break;  // jobs run in order: this one has not finished yet
      out.push_back(ReadResult(in, i, *status));
    }
  }
  return out;
}

util::Expected<double> LocalCloud::SpotPrice(const std::string& instance_type, const std::string&) {
  return LocalError(util::ErrorClass::kNotFound, "LocalNoSpotMarket",
                    "this machine has no spot market; " + instance_type +
                        " sessions planned on spot run like on-demand ones");
}

util::Expected<int> LocalCloud::QuotaHeadroom(const std::string&, const std::string&,
                                              const std::string&) {
  return 1 << 30;  // no vCPU quota on one's own machine
}

std::optional<util::TimePoint> LocalCloud::NextChange() { return FromSeconds(Now() + 1); }

util::TimePoint LocalCloud::LocalClock::Now() { return FromSeconds(cloud_.Now()); }

void LocalCloud::LocalClock::SleepUntil(util::TimePoint until) {
  int64_t target = until.time_since_epoch().count();
  int64_t now = cloud_.Now();
  if (target <= now) return;
  bool busy = cloud_.Refresh() || cloud_.processes_->MachineBusy(cloud_.setup_.lock_path);
  // An agent just ended: let the executor poll it before any jump, so that the next
  // session starts right after it in campaign time as it would in real time.
  if (std::exchange(cloud_.ended_unseen_, false)) return;
  if (busy || cloud_.setup_.real_time) {
    // Short slices, so that a finished job or a stop request is seen promptly.
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
        std::chrono::seconds(target - now), std::chrono::milliseconds(200)));
    return;
  }
  // Nothing runs: the gap until the next thing to do costs no real time. The offset is
  // stored before it is used, so a resumed controller never sees the clock go back.
  cloud_.offset_ += target - now;
  (void)WriteOffset(cloud_.db_, cloud_.offset_);
}

}  // namespace cloud::local
