#include "catalog/name.h"

#include <cctype>
#include <regex>

#include "util/strings.h"

namespace catalog {
namespace {

constexpr char kAccepted[] =
    "accepted: FAMILY.SIZE such as m7i.large, m7i-flex.xlarge, r7iz.metal-16xl, u-6tb1.metal";

util::Error BadName(std::string_view name, const std::string& why) {
  return util::InvalidInput("invalid instance type '" + std::string(name) + "': " + why + " (" +
                            kAccepted + ")");
}

bool ValidSize(const std::string& size) {
  static const std::regex kSize(
      "nano|micro|small|medium|large|[1-9][0-9]*xlarge|xlarge|metal|metal-[1-9][0-9]*xl");
  return std::regex_match(size, kSize);
}

}  // namespace

util::Expected<TypeName> ParseTypeName(std::string_view name) {
  size_t dot = name.find('.');
  if (dot == std::string_view::npos || name.find('.', dot + 1) != std::string_view::npos) {
    return BadName(name, "expected exactly one '.' between family and size");
  }
  TypeName parsed;
  parsed.family = std::string(name.substr(0, dot));
  parsed.size = std::string(name.substr(dot + 1));
  if (!ValidSize(parsed.size)) return BadName(name, "unknown size '" + parsed.size + "'");

  // High-memory types put the memory before the generation: u-6tb1, u7i-12tb.
  static const std::regex kHighMemory("(u)-([0-9]+tb)([0-9]+)");
  static const std::regex kStandard("([a-z]+)([0-9]+)([a-z]*)(-[a-z0-9]+)?");
  std::smatch match;
  if (std::regex_match(parsed.family, match, kHighMemory)) {
    parsed.series = match[1];
    parsed.attributes = match[2];
    parsed.generation = static_cast<int>(*util::ParseInt(match[3].str()));
  } else if (std::regex_match(parsed.family, match, kStandard)) {
    parsed.series = match[1];
    auto generation = util::ParseInt(match[2].str());
    if (!generation || *generation <= 0 || *generation > 99) {
      return BadName(name, "generation must be a number from 1 to 99");
    }
    parsed.generation = static_cast<int>(*generation);
    parsed.attributes = match[3];
  } else {
    return BadName(
        name, "family '" + parsed.family + "' is not of the form SERIES GENERATION ATTRIBUTES");
  }
  return parsed;
}

int SizeRank(std::string_view size) {
  static const char* kNamed[] = {"nano", "micro", "small", "medium", "large", "xlarge"};
  for (int i = 0; i < 6; ++i) {
    if (size == kNamed[i]) return i;
  }
  if (util::EndsWith(size, "xlarge")) {
    auto multiple = util::ParseInt(size.substr(0, size.size() - 6));
    if (multiple) return 5 + static_cast<int>(*multiple);
  }
  if (util::StartsWith(size, "metal-") && util::EndsWith(size, "xl")) {
    auto multiple = util::ParseInt(size.substr(6, size.size() - 8));
    if (multiple) return 5000 + static_cast<int>(*multiple);
  }
  if (size == "metal") return 9000;
  return 10000;
}

int SizeWave(std::string_view size) {
  int rank = SizeRank(size);
  if (rank <= SizeRank("large")) return 1;
  if (rank == SizeRank("xlarge")) return 2;
  if (rank == SizeRank("2xlarge")) return 3;
  return 4;
}

std::optional<Vendor> VendorFromName(const TypeName& name) {
  if (name.attributes.empty()) return std::nullopt;
  switch (name.attributes.front()) {
    case 'a':
      return Vendor::kAmd;
    case 'g':
      return Vendor::kAws;
    case 'i':
      return Vendor::kIntel;
    default:
      return std::nullopt;
  }
}

}  // namespace catalog
