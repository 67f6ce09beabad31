#include "agent/registry.h"

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

const Variant* FindVariant(std::string_view name) {
  for (const auto& variant : AllVariants()) {
    if (variant->Name() == name) return variant.get();
  }
  return nullptr;
}

util::Expected<std::vector<const Variant*>> SelectVariants(const std::vector<std::string>& names) {
  std::vector<const Variant*> selected;
  auto add = [&](const Variant* variant) {
    for (const Variant* present : selected) {
      if (present == variant) return;
    }
    selected.push_back(variant);
  };
  if (names.empty()) {
    for (const auto& variant : AllVariants()) add(variant.get());
    return selected;
  }
  std::vector<std::string> known;
  for (const auto& variant : AllVariants()) known.push_back(variant->Name());
  for (const std::string& name : names) {
    if (const Variant* variant = FindVariant(name)) {
      add(variant);
      continue;
    }
    bool family = false;
    for (const auto& variant : AllVariants()) {
      if (variant->Family() == name) {
        add(variant.get());
        family = true;
      }
    }
    if (!family) {
      return util::InvalidInput("unknown benchmark '" + name + "'" + util::DidYouMean(name, known) +
                                "; run 'list' for the variants");
    }
  }
  return selected;
}

}  // namespace agent
