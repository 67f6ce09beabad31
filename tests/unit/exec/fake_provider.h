#pragma once
// A small in-memory Provider for the executor's focused tests: launch errors are scripted
// one per call, an instance runs its jobs for a fixed time and then ends, and Describe can
// be told to miss fresh instances (eventual consistency). Nothing is random.

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cloud/clock.h"
#include "cloud/provider.h"

namespace exec::testing {

class FakeProvider : public cloud::Provider {
 public:
  explicit FakeProvider(cloud::Clock& clock) : clock_(clock) {}

  // Scripted answers of the next Launch calls, in order: an error, or nullopt (act normally).
  std::deque<std::optional<util::Error>> launch_script;
  // The next launch that creates an instance loses its reply: the instance starts and the
  // call returns a transient error, as on a dropped connection.
  bool lose_next_reply = false;
  int64_t run_s = 600;                              // an instance ends this long after its launch
  std::map<std::string, int64_t> run_s_of_session;  // overrides run_s
  int64_t hidden_for_s = 0;                         // Describe misses a new instance this long
  size_t hidden_count = static_cast<size_t>(-1);    // ... but only the first this many
  int quota_headroom = 1 << 20;
  // What ActualCostUsd answers (nullopt: the executor's own billing rule applies).
  std::optional<double> actual_cost_usd;

  // What the executor did.
  std::vector<cloud::LaunchRequest> launch_calls;
  std::vector<util::TimePoint> launch_times;
  std::vector<cloud::AttemptBill> bills;  // every ActualCostUsd question
  struct Instance {
    cloud::InstanceInfo info;
    std::vector<cloud::JobSpec> jobs;
    std::optional<util::TimePoint> terminated_at;
    int64_t run_s = 0;
    size_t index = 0;  // launch order
  };
  std::map<std::string, Instance> instances;  // by id

  // An instance that exists without this provider having launched it (a previous run).
  std::string Plant(const std::string& client_token, const std::map<std::string, std::string>& tags,
                    util::TimePoint launched_at);
  // Instances not yet ended at the clock's now.
  std::vector<std::string> Alive();

  std::vector<std::string> Zones(const std::string& region) override;
  util::Expected<std::string> Launch(const cloud::LaunchRequest& request) override;
  util::Expected<std::vector<cloud::InstanceInfo>> Describe(
      const std::string& region, const std::vector<std::string>& ids) override;
  util::Expected<std::vector<cloud::InstanceInfo>> DescribeByTag(const std::string& region,
                                                                 const std::string& key,
                                                                 const std::string& value) override;
  util::Status Terminate(const std::string& region, const std::vector<std::string>& ids) override;
  util::Expected<std::vector<cloud::ResultDoc>> FetchResults(
      const std::string& campaign, const std::string& session, int attempt,
      const std::set<std::string>& known_jobs) override;
  util::Expected<double> SpotPrice(const std::string& instance_type,
                                   const std::string& zone) override;
  util::Expected<int> QuotaHeadroom(const std::string& region, const std::string& quota_class,
                                    const std::string& market) override;
  std::optional<double> ActualCostUsd(const cloud::AttemptBill& bill) override {
    bills.push_back(bill);
    return actual_cost_usd;
  }
  bool simulated() const override { return true; }

 private:
  cloud::InstanceInfo View(const Instance& instance);
  bool Visible(const Instance& instance);
  util::TimePoint EndOf(const Instance& instance) const;

  cloud::Clock& clock_;
  int next_id_ = 1;
};

}  // namespace exec::testing
