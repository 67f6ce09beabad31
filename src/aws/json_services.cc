#include "aws/json_services.h"

#include <nlohmann/json.hpp>

#include <set>

#include "aws/xml.h"
#include "util/strings.h"

namespace aws {
namespace {

using Json = nlohmann::json;

// A member of an object that must be of the given kind, or nullptr.
const Json* Member(const Json& object, const char* key, Json::value_t kind) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  if (found == object.end() || found->type() != kind) return nullptr;
  return &*found;
}

std::string StringMember(const Json& object, const char* key) {
  const Json* value = Member(object, key, Json::value_t::string);
  return value ? value->get<std::string>() : "";
}

std::optional<double> NumberMember(const Json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

// The hourly USD price when the product has exactly one OnDemand term with one dimension.
std::optional<double> OnDemandPrice(const Json& product) {
  const Json* terms = Member(product, "terms", Json::value_t::object);
  const Json* on_demand = terms ? Member(*terms, "OnDemand", Json::value_t::object) : nullptr;
  if (!on_demand || on_demand->size() != 1) return std::nullopt;
  const Json* dimensions =
      Member(on_demand->begin().value(), "priceDimensions", Json::value_t::object);
  if (!dimensions || dimensions->size() != 1) return std::nullopt;
  const Json& dimension = dimensions->begin().value();
  if (StringMember(dimension, "unit") != "Hrs") return std::nullopt;
  const Json* per_unit = Member(dimension, "pricePerUnit", Json::value_t::object);
  if (!per_unit) return std::nullopt;
  auto usd = util::ParseDouble(StringMember(*per_unit, "USD"));
  if (!usd || *usd < 0) return std::nullopt;
  return *usd;
}

}  // namespace

util::Expected<Parameter> ParseGetParameter(std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  const Json* parameter = Member(json, "Parameter", Json::value_t::object);
  if (!parameter) return MalformedResponse("ssm GetParameter", "no Parameter object");
  Parameter out{StringMember(*parameter, "Name"), StringMember(*parameter, "Value"),
                static_cast<long long>(NumberMember(*parameter, "Version").value_or(0))};
  if (out.value.empty()) return MalformedResponse("ssm GetParameter", "no Value");
  return out;
}

util::Expected<Parameter> GetParameter(const Caller& ssm, const std::string& name) {
  auto body = CallJson(ssm, "AmazonSSM.GetParameter", Json{{"Name", name}}.dump());
  if (!body) return body.error();
  return ParseGetParameter(*body);
}

util::Expected<ServiceQuota> ParseGetServiceQuota(std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  const Json* quota = Member(json, "Quota", Json::value_t::object);
  if (!quota) return MalformedResponse("servicequotas GetServiceQuota", "no Quota object");
  auto value = NumberMember(*quota, "Value");
  if (!value || *value < 0) {
    return MalformedResponse("servicequotas GetServiceQuota", "no non-negative Value");
  }
  return ServiceQuota{StringMember(*quota, "ServiceCode"), StringMember(*quota, "QuotaCode"),
                      StringMember(*quota, "QuotaName"), *value};
}

util::Expected<ServiceQuota> GetServiceQuota(const Caller& quotas, const std::string& service_code,
                                             const std::string& quota_code) {
  auto body = CallJson(quotas, "ServiceQuotasV20190624.GetServiceQuota",
                       Json{{"ServiceCode", service_code}, {"QuotaCode", quota_code}}.dump());
  if (!body) return body.error();
  return ParseGetServiceQuota(*body);
}

util::Expected<PricePage> ParseGetProducts(std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  const Json* list = Member(json, "PriceList", Json::value_t::array);
  if (!list) return MalformedResponse("pricing GetProducts", "no PriceList array");
  PricePage page;
  page.next_token = StringMember(json, "NextToken");
  for (const Json& entry : *list) {
    // Each entry is a JSON document serialized into a string.
    if (!entry.is_string()) return MalformedResponse("pricing GetProducts", "a non-string item");
    Json product = Json::parse(entry.get<std::string>(), nullptr, false);
    const Json* described = Member(product, "product", Json::value_t::object);
    if (!described) return MalformedResponse("pricing GetProducts", "an item without product");
    PriceItem item;
    item.sku = StringMember(*described, "sku");
    if (const Json* attributes = Member(*described, "attributes", Json::value_t::object)) {
      for (const auto& [key, value] : attributes->items()) {
        if (value.is_string()) item.attributes[key] = value.get<std::string>();
      }
    }
    item.on_demand_usd_per_hour = OnDemandPrice(product);
    page.items.push_back(std::move(item));
  }
  return page;
}

util::Expected<std::vector<PriceItem>> GetProducts(const Caller& pricing,
                                                   const std::vector<PriceFilter>& filters) {
  Json request = {{"ServiceCode", "AmazonEC2"}, {"FormatVersion", "aws_v1"}, {"MaxResults", 100}};
  request["Filters"] = Json::array();
  for (const PriceFilter& filter : filters) {
    request["Filters"].push_back(
        {{"Type", "TERM_MATCH"}, {"Field", filter.field}, {"Value", filter.value}});
  }
  std::vector<PriceItem> items;
  std::set<std::string> seen;
  for (;;) {
    auto body = CallJson(pricing, "AWSPriceListService.GetProducts", request.dump());
    if (!body) return body.error();
    auto page = ParseGetProducts(*body);
    if (!page) return page.error();
    items.insert(items.end(), page->items.begin(), page->items.end());
    if (page->next_token.empty()) return items;
    if (!seen.insert(page->next_token).second) {
      return MalformedResponse("pricing GetProducts", "a NextToken came back twice");
    }
    request["NextToken"] = page->next_token;
  }
}

}  // namespace aws
