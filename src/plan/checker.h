#pragma once
// An independent plan checker. It re-derives every constraint of ARCHITECTURE.md invariant 2 and
// docs/planning.md from the plan, the spec inside it and the catalog, without the scheduler's code,
// so a scheduler bug cannot hide behind a shared helper. Used by the tests and available to
// `schedule plan` as a last line of defence.

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "plan/model.h"

namespace plan {

enum class Rule {
  kReference,        // ids and catalog facts (type, region, vCPUs, quota class) agree
  kDailyCap,         // jobs per region-local calendar day <= --max-daily-jobs
  kWindowCap,        // jobs per window <= max_jobs; window caps of a day within the daily cap
  kConcurrency,      // sessions running at once per region <= --max-concurrent
  kQuota,            // running vCPUs per (region, quota class, market) <= quota
  kContainment,      // every job inside its session, every session inside its window
  kSessionTimeline,  // jobs back to back after boot, durations as estimated, session length cap
  kWindowBounds,     // window hours, zone, day, focus rotation and market policy as documented
  kBudget,           // total cost <= --max-cost
  kWaves,            // per region: size waves in order, never two at once
  kSameTypeOverlap,  // never two sessions of one family and size at once in a region
  kMarket,           // spot for xlarge+ and in evening windows when spot is on, else on-demand
  kVariant,          // each job's benchmark variant applies to its type's facts
  kAccounting,       // every requested job scheduled or unscheduled, exactly once
  kUnscheduled,      // every unscheduled job has a reason and a remedy
  kSessionCost,      // session cost = sum of its jobs' costs, and at least the compute price
  kSummary,          // summary numbers match the lists
};
const char* ToString(Rule rule);

struct Violation {
  Rule rule = Rule::kReference;
  std::string where;    // "sessions[3]", "region us-east-1 2026-11-30"
  std::string message;  // what is wrong, with the numbers
};

// Every violation found; empty for a valid plan.
std::vector<Violation> CheckPlan(const Plan& plan, const catalog::Catalog& catalog);

// "kind at where: message", one line per violation.
std::string FormatViolations(const std::vector<Violation>& violations);

}  // namespace plan
