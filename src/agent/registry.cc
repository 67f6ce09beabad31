#include "agent/registry.h"

#include "agent/hardware.h"
#include "agent/hpl/variants.h"
#include "agent/micro/variants.h"
#include "agent/stream/variants.h"
#include "bench/suite.h"
#include "bench/variants.h"

namespace agent {

const VariantList& AllVariants() {
  static const VariantList kVariants = [] {
    VariantList list;
    stream::AddVariants(list);
    hpl::AddVariants(list);
    micro::AddVariants(list);
    return list;
  }();
  return kVariants;
}

const Variant* FindVariant(std::string_view name) {
  for (const auto& variant : AllVariants()) {
    if (variant->Name() == name) return variant.get();
  }
  return nullptr;
}

util::Expected<std::vector<Selection>> SelectVariants(const std::vector<std::string>& names,
                                                      bool exact) {
  std::vector<Selection> selected;
  if (names.empty()) {
    for (const auto& variant : AllVariants()) selected.push_back({variant.get(), true});
    return selected;
  }
  auto resolved =
      bench::Resolve(names, exact,
                     exact ? "; --exact takes variant names only, run 'list' for the variants"
                           : "; a family (stream, hpl, micro) or a variant name, run "
                             "'list' for the variants");
  if (!resolved) return resolved.error();
  for (const bench::Selection& chosen : *resolved) {
    const Variant* variant = FindVariant(chosen.variant->name);
    // The table and the agent's variants are the same set (agent naming test).
    if (variant != nullptr) selected.push_back({variant, chosen.named});
  }
  return selected;
}

util::Expected<std::vector<Selection>> SelectWithCustom(const std::vector<std::string>& names,
                                                        bool exact, const VariantList& custom) {
  std::vector<std::string> builtin_names;
  std::vector<Selection> custom_selected;
  for (const std::string& name : names) {
    bool family = !exact && name == bench::kCustomFamily;
    bool found = false;
    for (const auto& variant : custom) {
      if (!family && variant->Name() != name) continue;
      found = true;
      bool seen = false;
      for (Selection& chosen : custom_selected) {
        if (chosen.variant == variant.get()) {
          chosen.named = chosen.named || !family;
          seen = true;
        }
      }
      if (!seen) custom_selected.push_back({variant.get(), !family});
    }
    if (!found && !family) builtin_names.push_back(name);
  }
  std::vector<Selection> selected;
  if (names.empty() || !builtin_names.empty()) {
    auto builtin = SelectVariants(builtin_names, exact);
    if (!builtin) return builtin.error();
    selected = std::move(*builtin);
  }
  if (names.empty()) {
    for (const auto& variant : custom) custom_selected.push_back({variant.get(), true});
  }
  selected.insert(selected.end(), custom_selected.begin(), custom_selected.end());
  return selected;
}

std::vector<const Variant*> VariantsToRun(const std::vector<Selection>& selection,
                                          const SysInfo& info, const Capabilities& caps) {
  std::vector<const Variant*> run;
  for (const Selection& chosen : selection) {
    if (chosen.named || !CheckApplies(*chosen.variant, info, caps).hardware)
      run.push_back(chosen.variant);
  }
  return run;
}

}  // namespace agent
