#include "catalog/catalog_json.h"

#include <algorithm>
#include <cmath>

#include "bench/variants.h"
#include "catalog/name.h"
#include "util/json_reader.h"
#include "util/strings.h"
#include "util/time.h"

namespace catalog {
namespace {

using nlohmann::json;
using util::JsonFailAt;
using util::JsonReader;

constexpr int kFormatVersion = 1;
constexpr int kMaxVcpus = 100000;

void RequireKnownSource(const std::string& key, const std::map<std::string, Source>& sources,
                        const std::string& where) {
  if (!key.empty() && sources.find(key) == sources.end()) {
    JsonFailAt(where, "names source '" + key + "', which the document does not list in 'sources'");
  }
}

struct FamilyFacts {
  Architecture architecture = Architecture::kX86_64;
  Vendor vendor = Vendor::kIntel;
  std::string processor, microarchitecture, quota_class, source;
  std::vector<std::string> isa;
};

Architecture ReadArchitecture(JsonReader& family) {
  return family.Enum("architecture", {"x86_64", "arm64"}) == "arm64" ? Architecture::kArm64
                                                                     : Architecture::kX86_64;
}

Vendor ReadVendor(JsonReader& family) {
  std::string vendor = family.Enum("vendor", {"intel", "amd", "aws"});
  if (vendor == "amd") return Vendor::kAmd;
  return vendor == "aws" ? Vendor::kAws : Vendor::kIntel;
}

std::vector<std::string> ReadIsa(JsonReader& family) {
  const std::vector<std::string>& known = bench::KnownIsaNames();
  std::vector<std::string> isa = family.Strings("isa");
  for (size_t i = 0; i < isa.size(); ++i) {
    if (std::find(known.begin(), known.end(), isa[i]) == known.end()) {
      JsonFailAt(util::JsonIndexPath(family.PathOf("isa"), i),
                 "unknown feature '" + isa[i] + "' (accepted: " + util::Join(known, ", ") + ")");
    }
  }
  std::sort(isa.begin(), isa.end());
  return isa;
}

std::map<std::string, FamilyFacts> ReadFamilies(JsonReader& doc,
                                                const std::map<std::string, Source>& sources) {
  std::map<std::string, FamilyFacts> families;
  if (!doc.Has("families")) return families;
  for (JsonReader& entry : doc.Objects("families")) {
    FamilyFacts facts;
    std::string name = entry.String("name");
    facts.architecture = ReadArchitecture(entry);
    facts.vendor = ReadVendor(entry);
    facts.processor = entry.String("processor");
    facts.microarchitecture = entry.String("microarchitecture");
    facts.quota_class = entry.String("quota_class");
    facts.source = entry.OptionalString("source").value_or("");
    RequireKnownSource(facts.source, sources, entry.PathOf("source"));
    facts.isa = ReadIsa(entry);
    families[name] = std::move(facts);
  }
  return families;
}

// The optional "basis" of a price object. Without it a price is derived exactly when it
// names a rule ("derived_by"); with it, the two must agree, so a label cannot lie.
PriceBasis ReadPriceBasis(JsonReader& price, bool has_rule) {
  if (!price.Has("basis")) return has_rule ? PriceBasis::kDerived : PriceBasis::kCopied;
  PriceBasis basis = price.Enum("basis", {"copied", "derived"}) == "derived" ? PriceBasis::kDerived
                                                                             : PriceBasis::kCopied;
  if (basis == PriceBasis::kDerived && !has_rule) {
    JsonFailAt(price.PathOf("basis"), "'derived' needs 'derived_by' (the rule and its inputs)");
  }
  if (basis == PriceBasis::kCopied && has_rule) {
    JsonFailAt(price.PathOf("basis"),
               "'copied' cannot have 'derived_by'; a price with a rule is 'derived'");
  }
  return basis;
}

Price ReadPrice(const util::JsonMember& member, const std::string& default_source,
                const std::map<std::string, Source>& sources) {
  Price price;
  const json& value = *member.value;
  if (value.is_number()) {
    price.usd_per_hour = value.get<double>();
    price.source = default_source;
  } else if (value.is_object()) {
    JsonReader object(value, member.path);
    price.usd_per_hour = object.PositiveNumber("usd_per_hour");
    price.source = object.String("source");
    price.rule = object.OptionalString("derived_by").value_or("");
    price.basis = ReadPriceBasis(object, !price.rule.empty());
  } else {
    JsonFailAt(member.path, "must be a number (USD per hour) or an object");
  }
  if (!(price.usd_per_hour > 0) || !std::isfinite(price.usd_per_hour)) {
    JsonFailAt(member.path, "must be a positive price in USD per hour");
  }
  if (price.source.empty()) {
    JsonFailAt(member.path, "has no source (set 'price_source' or give an object with 'source')");
  }
  RequireKnownSource(price.source, sources, member.path);
  price.date = sources.at(price.source).date;
  return price;
}

void CopyFamilyFacts(const FamilyFacts& facts, InstanceType& type) {
  type.architecture = facts.architecture;
  type.vendor = facts.vendor;
  type.processor = facts.processor;
  type.microarchitecture = facts.microarchitecture;
  type.isa = facts.isa;
  type.quota_class = facts.quota_class;
  type.facts_source = facts.source;
}

InstanceType ReadType(JsonReader& entry, const std::map<std::string, FamilyFacts>& families,
                      const std::map<std::string, Source>& sources) {
  InstanceType type;
  type.name = entry.String("name");
  auto parsed = ParseTypeName(type.name);
  if (!parsed) JsonFailAt(entry.PathOf("name"), parsed.error().message);
  type.family = parsed->family;
  type.generation = parsed->generation;
  type.size = parsed->size;
  type.vcpus = entry.Int32("vcpus", 1, kMaxVcpus);
  type.memory_gib = entry.PositiveNumber("memory_gib");
  type.spec_source = entry.OptionalString("spec_source").value_or("");
  RequireKnownSource(type.spec_source, sources, entry.PathOf("spec_source"));
  auto family = families.find(type.family);
  if (family == families.end()) {
    JsonFailAt(entry.path(), "family '" + type.family + "' is not listed in 'families'");
  }
  CopyFamilyFacts(family->second, type);
  std::string price_source = entry.OptionalString("price_source").value_or("");
  if (entry.Has("on_demand_usd_per_hour")) {
    for (const util::JsonMember& region : entry.Object("on_demand_usd_per_hour").Members()) {
      type.on_demand[region.key] = ReadPrice(region, price_source, sources);
    }
  }
  return type;
}

void ReadRegions(JsonReader& doc, std::map<std::string, RegionInfo>& regions) {
  if (!doc.Has("regions")) return;
  for (JsonReader& entry : doc.Objects("regions")) {
    RegionInfo region;
    region.name = entry.String("name");
    region.timezone = entry.String("timezone");
    if (!util::CheckTimeZone(region.timezone)) {
      JsonFailAt(entry.PathOf("timezone"),
                 "'" + region.timezone + "' is not an IANA time zone (e.g. Europe/Berlin)");
    }
    region.gp3_usd_per_gb_month = entry.Number("gp3_usd_per_gb_month", 0);
    region.public_ipv4_usd_per_hour = entry.Number("public_ipv4_usd_per_hour", 0);
    region.source = entry.OptionalString("source").value_or("");
    regions[region.name] = region;
  }
}

void ReadSources(JsonReader& doc, std::map<std::string, Source>& sources) {
  if (!doc.Has("sources")) return;
  for (const util::JsonMember& member : doc.Object("sources").Members()) {
    JsonReader source(*member.value, member.path);
    sources[member.key] = Source{source.String("description"), source.String("date")};
  }
}

struct CatalogParts {
  std::map<std::string, InstanceType>& types;
  std::map<std::string, RegionInfo>& regions;
  std::map<std::string, Source>& sources;
  std::string& snapshot_date;
};

bool ReadDocument(const json& document, CatalogParts parts) {
  JsonReader doc(document, "");
  const json& version = doc.Value("format_version");
  if (!version.is_number_integer() || version.get<int64_t>() != kFormatVersion) {
    JsonFailAt("format_version", "must be " + std::to_string(kFormatVersion));
  }
  parts.snapshot_date = doc.OptionalString("snapshot_date").value_or("");
  ReadSources(doc, parts.sources);
  ReadRegions(doc, parts.regions);
  auto families = ReadFamilies(doc, parts.sources);
  if (!doc.Has("types")) return true;
  for (JsonReader& entry : doc.Objects("types")) {
    InstanceType type = ReadType(entry, families, parts.sources);
    std::string name = type.name;
    if (!parts.types.emplace(name, std::move(type)).second) {
      JsonFailAt(entry.path(), "duplicate type '" + name + "'");
    }
  }
  return true;
}

}  // namespace

util::Status ParseCatalogJson(std::string_view text, const std::string& origin,
                              std::map<std::string, InstanceType>& types,
                              std::map<std::string, RegionInfo>& regions,
                              std::map<std::string, Source>& sources, std::string& snapshot_date) {
  auto read = util::ReadJsonDocument<bool>(text, origin, [&](const json& document) {
    return ReadDocument(document, CatalogParts{types, regions, sources, snapshot_date});
  });
  if (!read) return read.error();
  return {};
}

}  // namespace catalog
