#include "exec/campaign_import.h"

#include <set>

#include "plan/quota.h"
#include "store/sha256.h"

namespace exec {

using util::ToSeconds;

namespace {

util::Expected<store::SessionRow> ImportSession(const plan::Session& s) {
  if (s.on_demand_usd_per_hour <= 0 || s.size_wave < 1) {
    return util::InvalidInput(
        "plan: session " + s.id +
        " has no on_demand_usd_per_hour or size_wave (a schema_version 1 plan): make the plan "
        "again with this version ('schedule plan' or 'schedule weekly')");
  }
  store::SessionRow row;
  row.id = s.id;
  row.region = s.region;
  row.instance_type = s.instance_type;
  row.vcpus = s.vcpus;
  row.quota_class = s.quota_class;
  row.planned_market = plan::ToString(s.market);
  row.market = row.planned_market;
  row.window = s.window;
  row.planned_start = ToSeconds(s.start);
  row.planned_end = ToSeconds(s.end);
  row.estimated_cost_usd = s.estimated_cost_usd;
  row.on_demand_usd_per_hour = s.on_demand_usd_per_hour;
  row.spot_usd_per_hour = s.spot_usd_per_hour;
  row.extras_usd_per_hour = s.extras_usd_per_hour;
  row.size_wave = s.size_wave;
  return row;
}

store::JobRow ImportJob(const plan::Job& job, int seq, const std::string& window) {
  store::JobRow row;
  row.id = job.id;
  row.session = job.session;
  row.seq = seq;
  row.instance_type = job.instance_type;
  row.benchmark = job.benchmark;
  row.region = job.region;
  row.estimated_duration_s = job.estimated_duration_s;
  row.estimated_cost_usd = job.estimated_cost_usd;
  row.window = window;
  return row;
}

}  // namespace

util::Expected<store::Snapshot> ImportPlan(const plan::Plan& plan, const CampaignSource& source) {
  store::Snapshot snap;
  store::CampaignRow& c = snap.campaign;
  c.id = source.campaign_id;
  c.backend = source.backend;
  c.backend_config = source.backend_config;
  c.spec_json = source.spec_json;
  c.plan_json = source.plan_json;
  c.plan_sha256 = store::Sha256Hex(source.plan_json);
  c.created_at = source.created_at;
  c.max_daily_jobs = plan.spec.max_daily_jobs;
  c.max_concurrent = plan.spec.max_concurrent;
  c.max_cost_usd = plan.spec.max_cost_usd;
  c.size_waves = plan.spec.instance_size_waves;
  c.estimated_cost_usd = plan.summary.estimated_cost_usd;
  c.minimum_billing_s = plan.spec.cost.minimum_billing_s;
  for (const plan::Window& w : plan.windows) {
    snap.windows.push_back({w.id, w.region, w.name, w.timezone,
                            util::FormatDate(util::LocalDay(w.start, w.timezone)),
                            ToSeconds(w.start), ToSeconds(w.end), w.max_jobs});
  }
  // The quotas the plan was made against, enforced again at run time.
  std::set<std::string> classes;
  for (const plan::Session& s : plan.sessions) classes.insert(s.quota_class);
  for (const auto& [key, vcpus] : plan::EffectiveVcpuQuotas(plan.spec, classes)) {
    snap.quotas.push_back({key.quota_class, plan::ToString(key.market), vcpus});
  }
  std::map<std::string, const plan::Job*> jobs;
  for (const plan::Job& job : plan.jobs) jobs[job.id] = &job;
  for (const plan::Session& s : plan.sessions) {
    auto row = ImportSession(s);
    if (!row) return row.error();
    snap.sessions.push_back(std::move(*row));
    int seq = 0;
    for (const std::string& id : s.jobs) {
      auto found = jobs.find(id);
      if (found == jobs.end()) {
        return util::InvalidInput("plan: session " + s.id + " names unknown job " + id);
      }
      snap.jobs.push_back(ImportJob(*found->second, seq++, s.window));
    }
  }
  for (const plan::Unscheduled& u : plan.unscheduled) {
    store::JobRow row = ImportJob(u.job, 0, "");
    row.state = store::JobState::kUnscheduled;
    row.reason = u.reason + (u.remedy.empty() ? "" : " (" + u.remedy + ")");
    snap.jobs.push_back(std::move(row));
  }
  return snap;
}

}  // namespace exec
