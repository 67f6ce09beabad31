#pragma once
// Before a campaign is planned for a backend that can say what the account really allows
// (its account_facts hook: the aws backend asks Service Quotas and EC2's offerings), the
// spec takes those facts in: the account's vCPU quotas replace the new-account defaults
// (a quota the user gave with --vcpu-quota stays), and the types a region does not offer
// are left unscheduled with the reason (docs/planning.md, "Quotas").

#include "catalog/catalog.h"
#include "cloud/backend.h"
#include "plan/spec.h"
#include "util/expected.h"

namespace cli {

// Asks `backend` (nothing to do when it has no hook) about the spec's regions and types,
// with its resolved flags, and folds the answer into `spec`.
util::Status ApplyAccountFacts(const cloud::Backend& backend, const cloud::FlagValues& flags,
                               const catalog::Catalog& catalog, plan::Spec& spec);

// The facts folded into the spec: a quota present in several regions counts with its lowest
// value, since the spec's quotas apply in every region.
void MergeAccountFacts(const cloud::AccountFacts& facts, plan::Spec& spec);

}  // namespace cli
