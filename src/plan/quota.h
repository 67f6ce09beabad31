#pragma once
// vCPU quotas per (EC2 quota class, market), applied per region. The defaults are AWS's
// documented defaults for a new account (docs/planning.md, "Quotas"); real accounts
// differ, so users set theirs with --vcpu-quota CLASS:MARKET=N.

#include <map>
#include <set>
#include <string>

#include "plan/spec.h"

namespace plan {

// AWS's documented default for the class and market; 0 where no default is published
// (nothing is planned for that class until the user sets its quota).
int DefaultVcpuQuota(const std::string& quota_class, Market market);

// The quota in force: the spec's value when it has one, else the default.
int EffectiveVcpuQuota(const Spec& spec, const QuotaKey& key);

// Effective quotas for both markets of every class in `classes`, plus every key the spec
// sets, so a plan states every quota it was planned against.
std::map<QuotaKey, int> EffectiveVcpuQuotas(const Spec& spec, const std::set<std::string>& classes);

// The source of each quota in `quotas` (the effective ones): the spec's own source when it
// names one, kFlag for any other key the spec sets, kDefault for the rest.
std::map<QuotaKey, QuotaSource> EffectiveQuotaSources(const Spec& spec,
                                                      const std::map<QuotaKey, int>& quotas);

}  // namespace plan
