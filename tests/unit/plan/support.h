#pragma once
// Shared by the planner's unit tests: a small catalog built in the test (so tests do not
// depend on the embedded snapshot) and a self-check of a plan's constraints, written
// from ARCHITECTURE.md invariant 2 and docs/planning.md rather than from the scheduler's code.

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/model.h"
#include "plan/spec.h"

namespace plan::testing {

// m7i, m7a, r7a (x86), c7g, m7g (Graviton3), c6g (Graviton2) at large..4xlarge in
// us-east-1 and eu-west-1; c6g has no eu-west-1 price, on purpose.
const catalog::Catalog& TestCatalog();

// The seed example: m7i, c7g, r7a at large..4xlarge; stream, hpl, micro; 7 days from
// 2026-12-07 (New York midnight); 30 jobs a day; us-east-1.
Spec SeedSpec();

// Every violated constraint, one line each; empty when the plan holds them all.
std::vector<std::string> CheckConstraints(const Plan& plan, const catalog::Catalog& catalog);

// Every field of the plan as text, for comparing two plans.
std::string Fingerprint(const Plan& plan);

}  // namespace plan::testing
