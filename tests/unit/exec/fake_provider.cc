#include "fake_provider.h"

#include <algorithm>

namespace exec::testing {

using std::chrono::seconds;

std::string FakeProvider::Plant(const std::string& client_token,
                                const std::map<std::string, std::string>& tags,
                                util::TimePoint launched_at) {
  Instance instance;
  instance.info.id = "i-" + std::to_string(next_id_++);
  instance.info.client_token = client_token;
  instance.info.region = "r1";
  instance.info.zone = "z1";
  instance.info.market = "on-demand";
  instance.info.launched_at = launched_at;
  instance.info.tags = tags;
  instance.index = instances.size();
  auto session = tags.find("abc:session");
  auto own =
      session == tags.end() ? run_s_of_session.end() : run_s_of_session.find(session->second);
  instance.run_s = own == run_s_of_session.end() ? run_s : own->second;
  std::string id = instance.info.id;
  instances[id] = std::move(instance);
  return id;
}

std::vector<std::string> FakeProvider::Alive() {
  std::vector<std::string> alive;
  for (const auto& [id, instance] : instances) {
    if (clock_.Now() < EndOf(instance)) alive.push_back(id);
  }
  return alive;
}

util::TimePoint FakeProvider::EndOf(const Instance& instance) const {
  util::TimePoint end = instance.info.launched_at + seconds(instance.run_s);
  if (instance.terminated_at) end = std::min(end, *instance.terminated_at);
  return end;
}

bool FakeProvider::Visible(const Instance& instance) {
  return instance.index >= hidden_count ||
         clock_.Now() >= instance.info.launched_at + seconds(hidden_for_s);
}

cloud::InstanceInfo FakeProvider::View(const Instance& instance) {
  cloud::InstanceInfo info = instance.info;
  util::TimePoint end = EndOf(instance);
  if (clock_.Now() >= end) {
    info.state = cloud::InstanceState::kTerminated;
    info.ended_at = end;
  } else {
    info.state = cloud::InstanceState::kRunning;
  }
  return info;
}

std::vector<std::string> FakeProvider::Zones(const std::string&) { return {"z1", "z2", "z3"}; }

util::Expected<std::string> FakeProvider::Launch(const cloud::LaunchRequest& request) {
  launch_calls.push_back(request);
  launch_times.push_back(clock_.Now());
  if (!launch_script.empty()) {
    std::optional<util::Error> scripted = launch_script.front();
    launch_script.pop_front();
    if (scripted) return *scripted;
  }
  for (const auto& [id, instance] : instances) {
    if (instance.info.client_token == request.client_token) return id;  // idempotent
  }
  std::string id = Plant(request.client_token, request.tags, clock_.Now());
  Instance& instance = instances[id];
  instance.info.zone = request.zone;
  instance.info.market = request.market;
  instance.info.instance_type = request.instance_type;
  instance.jobs = request.payload;
  if (lose_next_reply) {
    lose_next_reply = false;
    return util::MakeError(util::ErrorClass::kTimeout, "fake: no reply", "RequestTimeout");
  }
  return id;
}

util::Expected<std::vector<cloud::InstanceInfo>> FakeProvider::Describe(
    const std::string&, const std::vector<std::string>& ids) {
  std::vector<cloud::InstanceInfo> out;
  for (const std::string& id : ids) {
    auto found = instances.find(id);
    if (found != instances.end() && Visible(found->second)) out.push_back(View(found->second));
  }
  return out;
}

util::Expected<std::vector<cloud::InstanceInfo>> FakeProvider::DescribeByTag(
    const std::string&, const std::string& key, const std::string& value) {
  std::vector<cloud::InstanceInfo> out;
  for (const auto& [id, instance] : instances) {
    auto tag = instance.info.tags.find(key);
    if (tag != instance.info.tags.end() && tag->second == value && Visible(instance)) {
      out.push_back(View(instance));
    }
  }
  return out;
}

util::Status FakeProvider::Terminate(const std::string&, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    Instance& instance = instances.at(id);
    if (!instance.terminated_at) instance.terminated_at = clock_.Now();
  }
  return {};
}

// Every job of an instance that ran to its end reports ok at the end.
util::Expected<std::vector<cloud::ResultDoc>> FakeProvider::FetchResults(
    const std::string&, const std::string& session, int attempt,
    const std::set<std::string>& known_jobs) {
  std::vector<cloud::ResultDoc> out;
  for (const auto& [id, instance] : instances) {
    const auto& tags = instance.info.tags;
    auto s = tags.find("abc:session");
    auto a = tags.find("abc:attempt");
    if (s == tags.end() || a == tags.end() || s->second != session ||
        a->second != std::to_string(attempt)) {
      continue;
    }
    util::TimePoint done = instance.info.launched_at + seconds(instance.run_s);
    if (clock_.Now() < done || (instance.terminated_at && *instance.terminated_at < done)) {
      continue;
    }
    for (const cloud::JobSpec& job : instance.jobs) {
      if (known_jobs.count(job.id)) continue;
      out.push_back({job.id, id, "ok", "", instance.info.launched_at, done,
                     R"({"fake":true,"job":")" + job.id + "\"}"});
    }
  }
  return out;
}

util::Expected<double> FakeProvider::SpotPrice(const std::string&, const std::string&) {
  return 0.05;
}

util::Expected<int> FakeProvider::QuotaHeadroom(const std::string&, const std::string&,
                                                const std::string&) {
  return quota_headroom;
}

}  // namespace exec::testing
