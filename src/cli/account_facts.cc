#include "cli/account_facts.h"

#include <algorithm>

#include "plan/jobs.h"

namespace cli {

void MergeAccountFacts(const cloud::AccountFacts& facts, plan::Spec& spec) {
  std::map<plan::QuotaKey, int> lowest;
  for (const auto& [region, quotas] : facts.vcpu_quotas) {
    for (const auto& [key, vcpus] : quotas) {
      auto [it, inserted] = lowest.emplace(key, vcpus);
      if (!inserted) it->second = std::min(it->second, vcpus);
    }
  }
  for (const auto& [key, vcpus] : lowest) {
    if (spec.vcpu_quotas.count(key)) continue;  // --vcpu-quota wins
    spec.vcpu_quotas[key] = vcpus;
    spec.vcpu_quota_sources[key] = plan::QuotaSource::kAccount;
  }
  for (const auto& [region, types] : facts.not_offered) {
    for (const auto& [type, reason] : types) spec.not_offered[region][type] = reason;
  }
}

util::Status ApplyAccountFacts(const cloud::Backend& backend, const cloud::FlagValues& flags,
                               const catalog::Catalog& catalog, plan::Spec& spec) {
  if (!backend.account_facts) return {};
  cloud::AccountQuery query;
  query.regions = spec.regions;
  for (const catalog::InstanceType* type : plan::SelectTypes(spec, catalog)) {
    query.quota_class_by_type[type->name] = type->quota_class;
  }
  auto facts = backend.account_facts(flags, query);
  if (!facts) return facts.error();
  MergeAccountFacts(*facts, spec);
  return {};
}

}  // namespace cli
