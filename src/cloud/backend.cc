#include "cloud/backend.h"

#include <algorithm>

#include "util/strings.h"

namespace cloud {

util::Expected<double> ParseRate(const std::string& flag, const std::string& text) {
  auto value = util::ParseDouble(text);
  if (!value || *value < 0 || *value > 1) {
    return util::InvalidInput(flag + ": '" + text +
                              "' is not a rate (accepted: a number from 0 to 1)");
  }
  return *value;
}

util::Expected<uint64_t> ParseCount(const std::string& flag, const std::string& text) {
  auto value = util::ParseInt(text);
  if (!value || *value < 0) {
    return util::InvalidInput(flag + ": '" + text + "' is not accepted (a whole number >= 0)");
  }
  return static_cast<uint64_t>(*value);
}

util::Expected<bool> ParseBool(const std::string& flag, const std::string& text) {
  return util::ParseBoolFlag(flag, text);
}

namespace {

util::Status CheckKind(const BackendFlag& flag, const std::string& text) {
  switch (flag.kind) {
    case FlagKind::kRate:
      if (auto v = ParseRate(flag.name, text); !v) return v.error();
      break;
    case FlagKind::kCount:
      if (auto v = ParseCount(flag.name, text); !v) return v.error();
      break;
    case FlagKind::kBool:
      if (auto v = ParseBool(flag.name, text); !v) return v.error();
      break;
    case FlagKind::kList:
      // Empty items ("a,,b", a trailing comma) are typos, not an empty choice.
      for (const std::string& item : util::Split(text, ',')) {
        if (util::Trim(item).empty()) {
          return util::InvalidInput(flag.name + ": '" + text +
                                    "' has an empty item (accepted: one or more values, "
                                    "repeated or comma-separated)");
        }
      }
      break;
    case FlagKind::kText:
      break;
  }
  return {};
}

const Backend* OwnerOf(const std::string& flag, const std::vector<const Backend*>& all) {
  for (const Backend* backend : all) {
    for (const BackendFlag& f : backend->flags) {
      if (f.name == flag) return backend;
    }
  }
  return nullptr;
}

}  // namespace

util::Expected<FlagValues> ResolveFlags(const Backend& backend, const FlagValues& given,
                                        const std::vector<const Backend*>& all) {
  FlagValues resolved;
  for (const BackendFlag& flag : backend.flags) resolved[flag.name] = flag.default_text;
  for (const auto& [name, text] : given) {
    if (!resolved.count(name)) {
      const Backend* owner = OwnerOf(name, all);
      return util::InvalidInput(name + ": applies to --backend " +
                                (owner ? owner->name : std::string("(none)")) + " only");
    }
    // A named copy: clang 14 (clang-tidy) cannot capture a structured binding.
    const std::string& given_name = name;
    const auto* flag = &*std::find_if(backend.flags.begin(), backend.flags.end(),
                                      [&](const BackendFlag& f) { return f.name == given_name; });
    if (auto status = CheckKind(*flag, text); !status) return status.error();
    resolved[name] = text;
  }
  return resolved;
}

int64_t ClockStart(const store::Snapshot& campaign) {
  int64_t start = campaign.windows.empty() ? 0 : campaign.windows.front().start;
  for (const auto& s : campaign.sessions) start = std::min(start, s.planned_start);
  return start - 600;
}

}  // namespace cloud
