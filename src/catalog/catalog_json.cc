#include "catalog/catalog_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/name.h"
#include "util/time.h"

namespace catalog {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

// Thrown inside this file only, turned into one util::Error at the boundary.
struct FieldError {
  std::string message;
};

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw FieldError{where + ": " + what};
}

const json& Require(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) Fail(where, std::string("missing field '") + key + "'");
  return *it;
}

std::string RequireString(const json& object, const char* key, const std::string& where) {
  const json& value = Require(object, key, where);
  if (!value.is_string()) Fail(where + "." + key, "must be a string");
  return value.get<std::string>();
}

std::string OptionalString(const json& object, const char* key, const std::string& where) {
  return object.contains(key) ? RequireString(object, key, where) : std::string();
}

double RequirePositive(const json& object, const char* key, const std::string& where) {
  const json& value = Require(object, key, where);
  if (!value.is_number() || value.get<double>() <= 0) {
    Fail(where + "." + key, "must be a positive number");
  }
  return value.get<double>();
}

int RequirePositiveInt(const json& object, const char* key, const std::string& where) {
  const json& value = Require(object, key, where);
  if (!value.is_number_integer() || value.get<long long>() <= 0 ||
      value.get<long long>() > 100000) {
    Fail(where + "." + key, "must be a whole number from 1 to 100000");
  }
  return static_cast<int>(value.get<long long>());
}

void RequireKnownSource(const std::string& key, const std::map<std::string, Source>& sources,
                        const std::string& where) {
  if (!key.empty() && sources.find(key) == sources.end()) {
    Fail(where, "names source '" + key + "', which the document does not list in 'sources'");
  }
}

double RequireNonNegative(const json& object, const char* key, const std::string& where) {
  const json& value = Require(object, key, where);
  if (!value.is_number() || value.get<double>() < 0) {
    Fail(where + "." + key, "must be a number >= 0");
  }
  return value.get<double>();
}

struct FamilyFacts {
  Architecture architecture = Architecture::kX86_64;
  Vendor vendor = Vendor::kIntel;
  std::string processor, microarchitecture, quota_class, source;
  std::vector<std::string> isa;
};

Architecture ParseArchitecture(const std::string& text, const std::string& where) {
  if (text == "x86_64") return Architecture::kX86_64;
  if (text == "arm64") return Architecture::kArm64;
  Fail(where + ".architecture", "'" + text + "' is not accepted (accepted: x86_64, arm64)");
}

Vendor ParseVendor(const std::string& text, const std::string& where) {
  if (text == "intel") return Vendor::kIntel;
  if (text == "amd") return Vendor::kAmd;
  if (text == "aws") return Vendor::kAws;
  Fail(where + ".vendor", "'" + text + "' is not accepted (accepted: intel, amd, aws)");
}

std::vector<std::string> ParseIsa(const json& family, const std::string& where) {
  static const std::vector<std::string> kKnown = {"amx", "avx2", "avx512", "neon", "sve", "sve2"};
  std::vector<std::string> isa;
  const json& list = Require(family, "isa", where);
  if (!list.is_array()) Fail(where + ".isa", "must be an array of strings");
  for (const json& feature : list) {
    if (!feature.is_string() ||
        std::find(kKnown.begin(), kKnown.end(), feature.get<std::string>()) == kKnown.end()) {
      Fail(where + ".isa",
           "unknown feature " + feature.dump() + " (accepted: amx, avx2, avx512, neon, sve, sve2)");
    }
    isa.push_back(feature.get<std::string>());
  }
  std::sort(isa.begin(), isa.end());
  return isa;
}

std::map<std::string, FamilyFacts> ParseFamilies(const json& doc,
                                                 const std::map<std::string, Source>& sources) {
  std::map<std::string, FamilyFacts> families;
  if (!doc.contains("families")) return families;
  const json& list = doc["families"];
  if (!list.is_array()) Fail("families", "must be an array");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = "families[" + std::to_string(i) + "]";
    const json& entry = list[i];
    if (!entry.is_object()) Fail(where, "must be an object");
    FamilyFacts facts;
    std::string name = RequireString(entry, "name", where);
    facts.architecture = ParseArchitecture(RequireString(entry, "architecture", where), where);
    facts.vendor = ParseVendor(RequireString(entry, "vendor", where), where);
    facts.processor = RequireString(entry, "processor", where);
    facts.microarchitecture = RequireString(entry, "microarchitecture", where);
    facts.quota_class = RequireString(entry, "quota_class", where);
    facts.source = OptionalString(entry, "source", where);
    RequireKnownSource(facts.source, sources, where + ".source");
    facts.isa = ParseIsa(entry, where);
    families[name] = std::move(facts);
  }
  return families;
}

// The optional "basis" of a price object. Without it a price is derived exactly when it
// names a rule ("derived_by"); with it, the two must agree, so a label cannot lie.
PriceBasis ParsePriceBasis(const json& value, bool has_rule, const std::string& where) {
  if (!value.contains("basis")) return has_rule ? PriceBasis::kDerived : PriceBasis::kCopied;
  std::string text = RequireString(value, "basis", where);
  if (text != "copied" && text != "derived") {
    Fail(where + ".basis", "'" + text + "' is not accepted (accepted: copied, derived)");
  }
  PriceBasis basis = text == "derived" ? PriceBasis::kDerived : PriceBasis::kCopied;
  if (basis == PriceBasis::kDerived && !has_rule) {
    Fail(where + ".basis", "'derived' needs 'derived_by' (the rule and its inputs)");
  }
  if (basis == PriceBasis::kCopied && has_rule) {
    Fail(where + ".basis", "'copied' cannot have 'derived_by'; a price with a rule is 'derived'");
  }
  return basis;
}

Price ParsePrice(const json& value, const std::string& default_source,
                 const std::map<std::string, Source>& sources, const std::string& where) {
  Price price;
  if (value.is_number()) {
    price.usd_per_hour = value.get<double>();
    price.source = default_source;
  } else if (value.is_object()) {
    price.usd_per_hour = RequirePositive(value, "usd_per_hour", where);
    price.source = RequireString(value, "source", where);
    price.rule = OptionalString(value, "derived_by", where);
    price.basis = ParsePriceBasis(value, !price.rule.empty(), where);
  } else {
    Fail(where, "must be a number (USD per hour) or an object");
  }
  if (price.usd_per_hour <= 0) Fail(where, "must be a positive price in USD per hour");
  if (price.source.empty())
    Fail(where, "has no source (set 'price_source' or give an object with 'source')");
  RequireKnownSource(price.source, sources, where);
  price.date = sources.at(price.source).date;
  return price;
}

InstanceType ParseType(const json& entry, const std::map<std::string, FamilyFacts>& families,
                       const std::map<std::string, Source>& sources, const std::string& where) {
  InstanceType type;
  type.name = RequireString(entry, "name", where);
  auto parsed = ParseTypeName(type.name);
  if (!parsed) Fail(where + ".name", parsed.error().message);
  type.family = parsed->family;
  type.generation = parsed->generation;
  type.size = parsed->size;
  type.vcpus = RequirePositiveInt(entry, "vcpus", where);
  type.memory_gib = RequirePositive(entry, "memory_gib", where);
  type.spec_source = OptionalString(entry, "spec_source", where);
  RequireKnownSource(type.spec_source, sources, where + ".spec_source");
  auto family = families.find(type.family);
  if (family == families.end()) {
    Fail(where, "family '" + type.family + "' is not listed in 'families'");
  }
  const FamilyFacts& facts = family->second;
  type.architecture = facts.architecture;
  type.vendor = facts.vendor;
  type.processor = facts.processor;
  type.microarchitecture = facts.microarchitecture;
  type.isa = facts.isa;
  type.quota_class = facts.quota_class;
  type.facts_source = facts.source;
  std::string price_source = OptionalString(entry, "price_source", where);
  if (entry.contains("on_demand_usd_per_hour")) {
    const json& prices = entry["on_demand_usd_per_hour"];
    if (!prices.is_object()) Fail(where + ".on_demand_usd_per_hour", "must be an object by region");
    for (const auto& [region, value] : prices.items()) {
      type.on_demand[region] =
          ParsePrice(value, price_source, sources, where + ".on_demand_usd_per_hour." + region);
    }
  }
  return type;
}

void ParseRegions(const json& doc, std::map<std::string, RegionInfo>& regions) {
  if (!doc.contains("regions")) return;
  const json& list = doc["regions"];
  if (!list.is_array()) Fail("regions", "must be an array");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = "regions[" + std::to_string(i) + "]";
    RegionInfo region;
    region.name = RequireString(list[i], "name", where);
    region.timezone = RequireString(list[i], "timezone", where);
    if (!util::CheckTimeZone(region.timezone)) {
      Fail(where + ".timezone",
           "'" + region.timezone + "' is not an IANA time zone (e.g. Europe/Berlin)");
    }
    region.gp3_usd_per_gb_month = RequireNonNegative(list[i], "gp3_usd_per_gb_month", where);
    region.public_ipv4_usd_per_hour =
        RequireNonNegative(list[i], "public_ipv4_usd_per_hour", where);
    region.source = OptionalString(list[i], "source", where);
    regions[region.name] = region;
  }
}

void ParseSources(const json& doc, std::map<std::string, Source>& sources) {
  if (!doc.contains("sources")) return;
  const json& map = doc["sources"];
  if (!map.is_object()) Fail("sources", "must be an object");
  for (const auto& [key, value] : map.items()) {
    std::string where = "sources." + key;
    sources[key] =
        Source{RequireString(value, "description", where), RequireString(value, "date", where)};
  }
}

void ParseDocument(const json& doc, std::map<std::string, InstanceType>& types,
                   std::map<std::string, RegionInfo>& regions,
                   std::map<std::string, Source>& sources, std::string& snapshot_date) {
  if (!doc.is_object()) Fail("document", "must be a JSON object");
  const json& version = Require(doc, "format_version", "document");
  if (!version.is_number_integer() || version.get<int>() != kFormatVersion) {
    Fail("format_version", "must be " + std::to_string(kFormatVersion));
  }
  snapshot_date = OptionalString(doc, "snapshot_date", "document");
  ParseSources(doc, sources);
  ParseRegions(doc, regions);
  auto families = ParseFamilies(doc, sources);
  if (!doc.contains("types")) return;
  const json& list = doc["types"];
  if (!list.is_array()) Fail("types", "must be an array");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = "types[" + std::to_string(i) + "]";
    if (!list[i].is_object()) Fail(where, "must be an object");
    InstanceType type = ParseType(list[i], families, sources, where);
    std::string name = type.name;
    if (!types.emplace(name, std::move(type)).second) Fail(where, "duplicate type '" + name + "'");
  }
}

}  // namespace

util::Status ParseCatalogJson(std::string_view text, const std::string& origin,
                              std::map<std::string, InstanceType>& types,
                              std::map<std::string, RegionInfo>& regions,
                              std::map<std::string, Source>& sources, std::string& snapshot_date) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return util::InvalidInput(origin + ": not valid JSON");
  try {
    ParseDocument(doc, types, regions, sources, snapshot_date);
  } catch (const FieldError& error) {
    return util::InvalidInput(origin + ": " + error.message);
  } catch (const nlohmann::json::exception& error) {
    return util::InvalidInput(origin + ": " + error.what());
  }
  return {};
}

}  // namespace catalog
