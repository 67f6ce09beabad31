#pragma once
// Hand-made valid plans for the plan JSON and checker tests. A Sketch says which sessions
// run where and when; Build() turns it into a plan with exact times (literal ISO 8601
// strings, not the planner's window code) and costs from the catalog's prices.

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "plan/model.h"

namespace plan::testing {

// A calendar day in America/New_York and the UTC offsets its wall clock shows.
struct FixtureDay {
  std::string date;             // "2026-11-30"
  std::string next_date;        // "2026-12-01"
  std::string midnight_offset;  // offset at 00:00 of `date`
  std::string offset;           // offset from 08:00 to the next midnight
};
inline const FixtureDay kNovember30{"2026-11-30", "2026-12-01", "-05:00", "-05:00"};
// US spring-forward day: 02:00 EST jumps to 03:00 EDT.
inline const FixtureDay kSpringForward{"2026-03-08", "2026-03-09", "-05:00", "-04:00"};

struct SessionSketch {
  std::string type;
  std::string window;  // "morning", "afternoon", "evening"
  std::string start;   // "08:00", wall clock
  Market market = Market::kOnDemand;
  std::vector<std::string> variants;
};

struct Sketch {
  Spec spec;
  FixtureDay day = kNovember30;
  std::vector<SessionSketch> sessions;
  std::vector<std::pair<std::string, std::string>> unscheduled;  // type, variant
  int jobs_in_focus = 0;  // worked out by hand for each sketch
};

inline constexpr int64_t kBootS = 180;
inline constexpr int64_t kJobS = 600;

util::TimePoint At(const std::string& iso8601);
catalog::Catalog TestCatalog();

// m7i.large and c7g.large in us-east-1 on one day: 4 sessions, 12 jobs, 1 unscheduled,
// tight caps (2 concurrent, 4 vCPUs per market) so that one change breaks one rule.
Sketch MainSketch(const FixtureDay& day = kNovember30);
// Two m7i.large sessions one after the other (waves off).
Sketch TwinSketch();
// m7i.large (wave 1) then m7i.xlarge (wave 2) on spot.
Sketch WaveSketch();

Plan Build(const Sketch& sketch, const catalog::Catalog& catalog);
// Recomputes the summary's money from the sessions, for mutations that change costs.
void ResumCosts(Plan& plan);

}  // namespace plan::testing
