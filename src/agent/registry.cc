#include "agent/registry.h"

#include "agent/hardware.h"
#include "agent/hpl/variants.h"
#include "agent/micro/variants.h"
#include "agent/stream/variants.h"
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
