// The account's facts before planning (cli/account_facts.h): the backend is asked about the
// spec's regions and types, its quotas replace the defaults but not the user's --vcpu-quota,
// types not offered are unscheduled with the backend's reason, and the plan (file and
// header) says where each quota came from.
#include "cli/account_facts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli/plan_table.h"
#include "plan/plan_json.h"
#include "plan/scheduler.h"

namespace cli {
namespace {

using catalog::Market;
using plan::QuotaKey;
using plan::QuotaSource;

plan::Spec SmallSpec() {
  plan::Spec spec;
  spec.instance_families = {"m7i"};
  spec.sizes = {"large", "2xlarge"};
  spec.benchmarks = {"stream"};
  spec.days = 2;
  spec.start = util::FromSeconds(1796601600);  // 2026-12-07T00:00:00Z
  return spec;
}

// A backend whose account_facts answers from `facts` and records the query.
cloud::Backend FakeBackend(const cloud::AccountFacts& facts, cloud::AccountQuery* asked) {
  cloud::Backend backend;
  backend.name = "fake";
  backend.account_facts = [facts, asked](const cloud::FlagValues&,
                                         const cloud::AccountQuery& query) {
    *asked = query;
    return util::Expected<cloud::AccountFacts>(facts);
  };
  return backend;
}

TEST(MergeAccountFacts, AccountReplacesDefaultsButNotTheUsersQuota) {
  plan::Spec spec;
  spec.vcpu_quotas[{"standard", Market::kSpot}] = 8;  // --vcpu-quota
  cloud::AccountFacts facts;
  facts.vcpu_quotas["us-east-1"] = {{{"standard", Market::kOnDemand}, 64},
                                    {{"standard", Market::kSpot}, 32}};
  facts.vcpu_quotas["eu-west-1"] = {{{"standard", Market::kOnDemand}, 16}};
  facts.not_offered["eu-west-1"]["m7i.large"] = "m7i.large is not offered in eu-west-1";
  MergeAccountFacts(facts, spec);
  EXPECT_EQ(spec.vcpu_quotas.at({"standard", Market::kOnDemand}), 16);  // the lowest region
  EXPECT_EQ(spec.vcpu_quotas.at({"standard", Market::kSpot}), 8);
  EXPECT_EQ(spec.vcpu_quota_sources.at({"standard", Market::kOnDemand}), QuotaSource::kAccount);
  EXPECT_FALSE(spec.vcpu_quota_sources.count({"standard", Market::kSpot}));
  EXPECT_EQ(spec.not_offered.at("eu-west-1").at("m7i.large"),
            "m7i.large is not offered in eu-west-1");
}

TEST(ApplyAccountFacts, TheAccountsQuotasAndOfferingsShapeThePlan) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  // Without the account: the new-account default (5 vCPUs) leaves the 8-vCPU type out.
  auto before = plan::BuildPlan(SmallSpec(), *catalog);
  ASSERT_TRUE(before);
  auto scheduled = [](const plan::Plan& p, const std::string& type) {
    return std::count_if(p.jobs.begin(), p.jobs.end(),
                         [&](const plan::Job& j) { return j.instance_type == type; });
  };
  EXPECT_EQ(scheduled(*before, "m7i.2xlarge"), 0);
  ASSERT_GT(scheduled(*before, "m7i.large"), 0);

  cloud::AccountFacts facts;
  facts.vcpu_quotas["us-east-1"] = {{{"standard", Market::kOnDemand}, 64},
                                    {{"standard", Market::kSpot}, 64}};
  facts.not_offered["us-east-1"]["m7i.large"] = "m7i.large is not offered in us-east-1";
  cloud::AccountQuery asked;
  cloud::Backend backend = FakeBackend(facts, &asked);
  plan::Spec spec = SmallSpec();
  spec.vcpu_quotas[{"standard", Market::kSpot}] = 16;  // the user's --vcpu-quota
  ASSERT_TRUE(ApplyAccountFacts(backend, {}, *catalog, spec));
  EXPECT_EQ(asked.regions, std::vector<std::string>{"us-east-1"});
  EXPECT_EQ(asked.quota_class_by_type.at("m7i.2xlarge"), "standard");
  EXPECT_EQ(asked.quota_class_by_type.size(), 2u);

  auto after = plan::BuildPlan(spec, *catalog);
  ASSERT_TRUE(after);
  EXPECT_GT(scheduled(*after, "m7i.2xlarge"), 0);
  EXPECT_EQ(scheduled(*after, "m7i.large"), 0);
  bool listed = std::any_of(
      after->unscheduled.begin(), after->unscheduled.end(), [](const plan::Unscheduled& u) {
        return u.job.instance_type == "m7i.large" &&
               u.reason == "m7i.large is not offered in us-east-1" && !u.remedy.empty();
      });
  EXPECT_TRUE(listed);
  const auto& sources = after->spec.vcpu_quota_sources;
  EXPECT_EQ(sources.at({"standard", Market::kOnDemand}), QuotaSource::kAccount);
  EXPECT_EQ(sources.at({"standard", Market::kSpot}), QuotaSource::kFlag);
  EXPECT_EQ(after->spec.vcpu_quotas.at({"standard", Market::kSpot}), 16);

  std::ostringstream table;
  PrintPlanTable(*after, table);
  EXPECT_NE(table.str().find("standard:on-demand 64 (account), standard:spot 16 (--vcpu-quota)"),
            std::string::npos)
      << table.str();

  // The plan file keeps both, and a plan without them (written before) still loads.
  auto loaded = plan::LoadPlanJson(plan::WritePlanJson(*after), "plan.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->spec.vcpu_quota_sources, sources);
  EXPECT_EQ(loaded->spec.not_offered, spec.not_offered);
}

TEST(ApplyAccountFacts, ABackendWithoutTheHookChangesNothingAndPlansSayDefault) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  cloud::Backend offline;
  offline.name = "offline";
  plan::Spec spec = SmallSpec();
  ASSERT_TRUE(ApplyAccountFacts(offline, {}, *catalog, spec));
  EXPECT_TRUE(spec.vcpu_quota_sources.empty());
  auto plan = plan::BuildPlan(spec, *catalog);
  ASSERT_TRUE(plan);
  for (const auto& [key, source] : plan->spec.vcpu_quota_sources) {
    EXPECT_EQ(source, QuotaSource::kDefault) << catalog::FormatQuotaKey(key);
  }
  EXPECT_EQ(plan->spec.vcpu_quota_sources.size(), plan->spec.vcpu_quotas.size());
}

TEST(ApplyAccountFacts, TheBackendsErrorStopsPlanning) {
  auto catalog = catalog::Catalog::Load("");
  ASSERT_TRUE(catalog);
  cloud::Backend backend;
  backend.account_facts = [](const cloud::FlagValues&, const cloud::AccountQuery&) {
    return util::Expected<cloud::AccountFacts>(
        util::InvalidInput("aws preflight: credentials: AuthFailure; set AWS credentials"));
  };
  plan::Spec spec = SmallSpec();
  auto status = ApplyAccountFacts(backend, {}, *catalog, spec);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().error_class, util::ErrorClass::kInvalidInput);
}

}  // namespace
}  // namespace cli
