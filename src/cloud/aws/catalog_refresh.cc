#include "cloud/aws/catalog_refresh.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "aws/ec2.h"
#include "aws/endpoints.h"
#include "aws/json_services.h"
#include "catalog/name.h"
#include "util/strings.h"

namespace cloud::aws {
namespace {

namespace ec2 = ::aws::ec2;

constexpr char kEc2Source[] = "ec2-describe-instance-types";
constexpr char kPricingSource[] = "pricing-get-products";
constexpr char kFamilySource[] = "embedded-catalog";

struct Seen {
  ec2::InstanceTypeInfo info;
  std::map<std::string, double> prices;  // by region
};

// On-demand Linux shared-tenancy prices of one region, by instance type.
util::Expected<std::map<std::string, double>> RegionPrices(Services& services,
                                                           const std::string& region) {
  auto pricing = services.For(::aws::Service::kPricing, ::aws::PricingRegionFor(region));
  if (!pricing) return pricing.error();
  auto items = ::aws::GetProducts(*pricing, {{"regionCode", region},
                                             {"operatingSystem", "Linux"},
                                             {"tenancy", "Shared"},
                                             {"preInstalledSw", "NA"},
                                             {"capacitystatus", "Used"}});
  if (!items) return items.error();
  std::map<std::string, double> prices;
  for (const auto& item : *items) {
    auto type = item.attributes.find("instanceType");
    // A zero price is a reserved-capacity line item, not a price.
    if (type == item.attributes.end() || !item.on_demand_usd_per_hour ||
        *item.on_demand_usd_per_hour <= 0) {
      continue;
    }
    prices[type->second] = *item.on_demand_usd_per_hour;
  }
  return prices;
}

util::Status Collect(Services& services, const std::string& region,
                     std::map<std::string, Seen>& seen) {
  auto ec2_caller = services.For(::aws::Service::kEc2, region);
  if (!ec2_caller) return ec2_caller.error();
  auto infos = ec2::DescribeInstanceTypes(*ec2_caller, {}, {});
  if (!infos) return infos.error();
  auto prices = RegionPrices(services, region);
  if (!prices) return prices.error();
  for (const auto& info : *infos) {
    Seen& entry = seen[info.instance_type];
    entry.info = info;
    if (auto price = prices->find(info.instance_type); price != prices->end()) {
      entry.prices[region] = price->second;
    }
  }
  return {};
}

// The embedded catalog's facts of each family, from any of its types.
std::map<std::string, const catalog::InstanceType*> KnownFamilies(const catalog::Catalog& known) {
  std::map<std::string, const catalog::InstanceType*> families;
  for (const auto& [name, type] : known.types()) families.emplace(type.family, &type);
  return families;
}

nlohmann::json Family(const std::string& name, const catalog::InstanceType& facts,
                      const ec2::InstanceTypeInfo& info) {
  // The architecture is EC2's own answer; the rest the embedded catalog's.
  std::string architecture = info.architectures.empty() ? catalog::ToString(facts.architecture)
                                                        : info.architectures.front();
  return {{"name", name},
          {"architecture", architecture},
          {"vendor", catalog::ToString(facts.vendor)},
          {"processor", facts.processor},
          {"microarchitecture", facts.microarchitecture},
          {"isa", facts.isa},
          {"quota_class", facts.quota_class},
          {"source", kFamilySource}};
}

nlohmann::json Sources(const std::vector<std::string>& regions, const std::string& today,
                       const catalog::Catalog& known) {
  std::string where = util::Join(regions, ", ");
  return {{kEc2Source,
           {{"description", "EC2 DescribeInstanceTypes in " + where +
                                " (vCPUs, memory, architecture), read by catalog refresh"},
            {"date", today}}},
          {kPricingSource,
           {{"description",
             "AWS Price List GetProducts (AmazonEC2; on-demand, Linux, shared "
             "tenancy, no pre-installed software, capacity status Used) for " +
                 where + ", read by catalog refresh"},
            {"date", today}}},
          {kFamilySource,
           {{"description",
             "processor, microarchitecture, ISA and quota class of each family from the "
             "embedded catalog (snapshot " +
                 known.snapshot_date() + "): the EC2 and Price List APIs do not publish them"},
            {"date", known.snapshot_date()}}}};
}

}  // namespace

util::Expected<CatalogRefresh> RefreshCatalog(Services& services,
                                              const std::vector<std::string>& regions,
                                              const catalog::Catalog& known) {
  std::map<std::string, Seen> seen;
  for (const std::string& region : regions) {
    if (auto status = Collect(services, region, seen); !status) return status.error();
  }
  auto families = KnownFamilies(known);
  CatalogRefresh out;
  std::set<std::string> unknown;
  nlohmann::json family_entries = nlohmann::json::object();
  nlohmann::json types = nlohmann::json::array();
  for (const auto& [name, entry] : seen) {
    auto parsed = catalog::ParseTypeName(name);
    if (!parsed || entry.info.vcpus <= 0 || entry.info.memory_mib <= 0) continue;
    auto facts = families.find(parsed->family);
    if (facts == families.end()) {
      unknown.insert(parsed->family);
      continue;
    }
    if (!family_entries.contains(parsed->family)) {
      family_entries[parsed->family] = Family(parsed->family, *facts->second, entry.info);
    }
    nlohmann::json type = {{"name", name},
                           {"vcpus", entry.info.vcpus},
                           {"memory_gib", static_cast<double>(entry.info.memory_mib) / 1024.0},
                           {"spec_source", kEc2Source},
                           {"price_source", kPricingSource}};
    if (!entry.prices.empty()) type["on_demand_usd_per_hour"] = entry.prices;
    types.push_back(type);
    ++out.types;
    out.prices += static_cast<int>(entry.prices.size());
  }
  std::string today = util::FormatDate(util::LocalDay(services.Now(), "UTC"));
  nlohmann::json family_list = nlohmann::json::array();
  for (const auto& [name, family] : family_entries.items()) family_list.push_back(family);
  nlohmann::json doc = {{"format_version", 1},
                        {"snapshot_date", today},
                        {"sources", Sources(regions, today, known)},
                        {"families", family_list},
                        {"types", types}};
  out.json = doc.dump(1) + "\n";
  out.skipped_families.assign(unknown.begin(), unknown.end());
  return out;
}

}  // namespace cloud::aws
