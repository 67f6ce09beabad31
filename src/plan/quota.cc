#include "plan/quota.h"

namespace plan {

const char* ToString(QuotaSource source) {
  switch (source) {
    case QuotaSource::kDefault:
      return "default";
    case QuotaSource::kFlag:
      return "--vcpu-quota";
    case QuotaSource::kAccount:
      return "account";
  }
  return "default";
}

std::optional<QuotaSource> QuotaSourceFromText(std::string_view text) {
  for (QuotaSource source : {QuotaSource::kDefault, QuotaSource::kFlag, QuotaSource::kAccount}) {
    if (text == ToString(source)) return source;
  }
  return std::nullopt;
}

int DefaultVcpuQuota(const std::string& quota_class, Market market) {
  // "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances" (L-1216C47A) and
  // "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests" (L-34B43A08) both
  // default to 5 vCPUs; the other spot classes default to 0 (EC2 User Guide, "Spot
  // Instance quotas"). No published on-demand default was found for the other classes.
  (void)market;
  if (quota_class == "standard") return 5;
  return 0;
}

int EffectiveVcpuQuota(const Spec& spec, const QuotaKey& key) {
  auto it = spec.vcpu_quotas.find(key);
  return it != spec.vcpu_quotas.end() ? it->second : DefaultVcpuQuota(key.quota_class, key.market);
}

std::map<QuotaKey, int> EffectiveVcpuQuotas(const Spec& spec,
                                            const std::set<std::string>& classes) {
  std::map<QuotaKey, int> quotas = spec.vcpu_quotas;
  for (const std::string& quota_class : classes) {
    for (Market market : {Market::kOnDemand, Market::kSpot}) {
      QuotaKey key{quota_class, market};
      quotas.emplace(key, EffectiveVcpuQuota(spec, key));
    }
  }
  return quotas;
}

}  // namespace plan

namespace plan {

std::map<QuotaKey, QuotaSource> EffectiveQuotaSources(const Spec& spec,
                                                      const std::map<QuotaKey, int>& quotas) {
  std::map<QuotaKey, QuotaSource> sources;
  for (const auto& [key, vcpus] : quotas) {
    auto given = spec.vcpu_quota_sources.find(key);
    if (given != spec.vcpu_quota_sources.end()) {
      sources[key] = given->second;
    } else {
      sources[key] = spec.vcpu_quotas.count(key) ? QuotaSource::kFlag : QuotaSource::kDefault;
    }
  }
  return sources;
}

}  // namespace plan
