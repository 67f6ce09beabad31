#include "agent/registry.h"

#include <algorithm>
#include <cstddef>

#include "agent/hpl/variants.h"
#include "agent/micro/variants.h"
#include "agent/stream/variants.h"
#include "util/strings.h"

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

namespace {

// The family names, in registry order, from the variants themselves.
std::vector<std::string> FamilyNames() {
  std::vector<std::string> names;
  for (const auto& variant : AllVariants()) {
    if (std::find(names.begin(), names.end(), variant->Family()) == names.end()) {
      names.push_back(variant->Family());
    }
  }
  return names;
}

// How a variant came to be selected; a name outranks a family.
enum class Chosen { kNo, kByFamily, kByName };

}  // namespace

const Variant* FindVariant(std::string_view name) {
  for (const auto& variant : AllVariants()) {
    if (variant->Name() == name) return variant.get();
  }
  return nullptr;
}

util::Expected<std::vector<Selection>> SelectVariants(const std::vector<std::string>& names,
                                                      bool exact) {
  const VariantList& all = AllVariants();
  std::vector<Chosen> chosen(all.size(), names.empty() ? Chosen::kByName : Chosen::kNo);
  const std::vector<std::string> families = exact ? std::vector<std::string>{} : FamilyNames();
  std::vector<std::string> known = families;
  for (const auto& variant : all) known.push_back(variant->Name());
  for (const std::string& name : names) {
    bool found = false;
    const bool family = std::find(families.begin(), families.end(), name) != families.end();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (family ? all[i]->Family() == name : all[i]->Name() == name) {
        chosen[i] = std::max(chosen[i], family ? Chosen::kByFamily : Chosen::kByName);
        found = true;
      }
    }
    if (!found) {
      return util::InvalidInput("unknown benchmark '" + name + "'" + util::DidYouMean(name, known) +
                                (exact ? "; --exact takes variant names only"
                                       : "; a family (stream, hpl, micro) or a variant name") +
                                ", run 'list' for the variants");
    }
  }
  std::vector<Selection> selected;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (chosen[i] != Chosen::kNo) selected.push_back({all[i].get(), chosen[i] == Chosen::kByName});
  }
  return selected;
}

std::vector<const Variant*> VariantsToRun(const std::vector<Selection>& selection,
                                          const SysInfo& info, const Capabilities& caps) {
  std::vector<const Variant*> run;
  for (const Selection& chosen : selection) {
    if (chosen.named || !chosen.variant->Applies(info, caps).hardware)
      run.push_back(chosen.variant);
  }
  return run;
}

}  // namespace agent
