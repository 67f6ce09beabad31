#pragma once
// The sim backend: a seeded discrete-event cloud in virtual time. Its state (instances,
// virtual now, call log) lives in its own SQLite file beside the journal, so killing the
// controller does not reset the cloud. It produces logistics only: result documents carry a
// status and timings, say "simulated", and never hold a benchmark number.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/quota_key.h"
#include "cloud/clock.h"
#include "cloud/provider.h"
#include "cloud/sim/sim_model.h"
#include "store/sqlite.h"

namespace cloud::sim {

struct SimSetup {
  SimConfig config;
  util::TimePoint start{};  // virtual time at creation
  // vCPU quota per (class, market); a missing key is not limited by the sim.
  std::map<catalog::QuotaKey, int> quotas;
  std::map<std::string, double> on_demand_usd_per_hour;  // by instance type
};

// One instance as the sim's own records tell it: for property tests and status.
struct HistoryEntry {
  SimInstance instance;
  Timeline timeline;
};

class SimCloud : public Provider {
 public:
  // Creates the state file (it must not exist) or opens an existing one. The file keeps
  // only cloud state (instances, virtual now, call log); the setup comes from the caller
  // (the campaign's backend_config and journal, cloud/sim/sim_backend.cc) every time, and a
  // new file's virtual time starts at `setup.start`.
  static util::Expected<std::unique_ptr<SimCloud>> Open(const std::string& path,
                                                        const SimSetup& setup, bool create);
  // Reads another process's state file without changing it.
  static util::Expected<std::vector<HistoryEntry>> History(const std::string& path,
                                                           const SimConfig& config);

  std::vector<std::string> Zones(const std::string& region) override;
  util::Expected<std::string> Launch(const LaunchRequest& request) override;
  util::Expected<std::vector<InstanceInfo>> Describe(const std::string& region,
                                                     const std::vector<std::string>& ids) override;
  util::Expected<std::vector<InstanceInfo>> DescribeByTag(const std::string& region,
                                                          const std::string& key,
                                                          const std::string& value) override;
  util::Status Terminate(const std::string& region, const std::vector<std::string>& ids) override;
  util::Expected<std::vector<ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known_jobs) override;
  util::Expected<double> SpotPrice(const std::string& instance_type,
                                   const std::string& zone) override;
  util::Expected<int> QuotaHeadroom(const std::string& region, const std::string& quota_class,
                                    const std::string& market) override;
  std::optional<util::TimePoint> NextChange() override;
  bool simulated() const override { return true; }

  Clock& clock() { return clock_; }
  util::TimePoint now() const { return util::FromSeconds(now_); }

 private:
  class SimClock : public Clock {
   public:
    explicit SimClock(SimCloud& cloud) : cloud_(cloud) {}
    util::TimePoint Now() override { return cloud_.now(); }
    void SleepUntil(util::TimePoint until) override { cloud_.AdvanceTo(until); }

   private:
    SimCloud& cloud_;
  };
  struct Live {
    SimInstance instance;
    Timeline timeline;
    std::vector<std::string> documents;  // result JSON per run, built once
  };

  SimCloud(store::Database db, SimSetup setup);

 public:
  SimCloud(const SimCloud&) = delete;
  SimCloud& operator=(const SimCloud&) = delete;
  ~SimCloud() override;

 private:
  util::Status LoadState();
  void AdvanceTo(util::TimePoint until);
  util::Status SaveNow();
  void Index(SimInstance instance);
  util::Status Throttle(std::string_view call, std::string_view key);
  util::Status CheckCapacity(const LaunchRequest& request);
  util::Status CheckQuota(const LaunchRequest& request);
  util::Status Log(std::string_view kind, const std::string& instance, const std::string& detail);
  InstanceInfo Info(const Live& live) const;
  bool Visible(const SimInstance& instance) const;
  std::string ResultJson(const Live& live, const SimJobRun& run) const;

  store::Database db_;
  SimSetup setup_;
  int64_t now_ = 0;
  std::map<std::string, Live> instances_;          // by id
  std::map<std::string, std::string> by_token_;    // client token -> id
  std::map<std::string, std::string> by_attempt_;  // "campaign/session/attempt" -> id
  std::set<std::string> live_;                     // ids not yet terminated at now_
  SimClock clock_{*this};
};

}  // namespace cloud::sim
