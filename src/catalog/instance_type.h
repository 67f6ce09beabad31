#pragma once
// Facts about one EC2 instance type. Architecture, vendor and ISA come from the
// catalog's facts; the name's suffix letter is only a fallback for unknown types.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace catalog {

enum class Architecture { kX86_64, kArm64 };
enum class Vendor { kIntel, kAmd, kAws };

const char* ToString(Architecture architecture);
const char* ToString(Vendor vendor);

// How a price was obtained: copied as listed by its source, or derived from a listed price
// by a rule (docs/catalog.md, "Derived prices").
enum class PriceBasis { kCopied, kDerived };
const char* ToString(PriceBasis basis);

// An on-demand price. A derived price names its rule and inputs in `rule`; a copied one
// has no rule.
struct Price {
  double usd_per_hour = 0;
  std::string source;  // key into Catalog::sources()
  std::string date;    // the source's snapshot date, YYYY-MM-DD
  PriceBasis basis = PriceBasis::kCopied;
  std::string rule;

  bool derived() const { return basis == PriceBasis::kDerived; }
};

struct InstanceType {
  std::string name;    // "m7i.large"
  std::string family;  // "m7i"
  int generation = 0;  // 7
  std::string size;    // "large", "metal-24xl"
  int vcpus = 0;
  double memory_gib = 0;
  Architecture architecture = Architecture::kX86_64;
  Vendor vendor = Vendor::kIntel;
  std::string processor;          // "Intel Xeon Platinum 8488C"
  std::string microarchitecture;  // "Sapphire Rapids"
  std::vector<std::string> isa;   // sorted: "amx", "avx2", "avx512", "neon", "sve", "sve2"
  std::string quota_class;        // EC2 vCPU quota class: "standard", "f", "g-vt", "p", "x", ...
  std::map<std::string, Price> on_demand;  // by region
  std::string facts_source;                // key into Catalog::sources()
  std::string spec_source;                 // where vcpus and memory_gib come from; may be empty

  bool HasIsa(std::string_view feature) const;
  const Price* OnDemandPrice(std::string_view region) const;
};

struct RegionInfo {
  std::string name;      // "us-east-1"
  std::string timezone;  // "America/New_York"
  double gp3_usd_per_gb_month = 0;
  double public_ipv4_usd_per_hour = 0;
  std::string source;
};

struct Source {
  std::string description;
  std::string date;  // YYYY-MM-DD
};

}  // namespace catalog
