#pragma once
// The hpl family's variants (docs/methodology-hpl-micro.md).

#include <memory>
#include <string>
#include <vector>

#include "agent/hpl/blas.h"
#include "agent/registry.h"

namespace agent::hpl {

// Appends this family's variants to the registry, in the order `list` shows them.
void AddVariants(VariantList& list);

// How one LU variant picks its BLAS and threads.
struct LuFlavor {
  std::string name;  // "hpl", "hpl-single", "hpl-blis", ...
  std::string description;
  std::vector<std::string> libraries;  // tried in order; the first that loads is used
  bool single_thread = false;
  // Where it applies (vendor, architecture, ISA) is the shared table's requirement
  // (bench/variants.h), checked by agent::CheckApplies.
  bool neoverse_kernel = false;  // OpenBLAS must run a Neoverse kernel (hpl-neoverse)
};

// The LU variants with an injectable loader, so that tests can run them over a decorator.
std::unique_ptr<Variant> MakeLuVariant(LuFlavor flavor, std::shared_ptr<BlasLoader> loader);
std::vector<LuFlavor> LuFlavors();

std::unique_ptr<Variant> MakeSveVariant();
std::unique_ptr<Variant> MakeVectorVariant();
std::unique_ptr<Variant> MakeBranchVariant();

}  // namespace agent::hpl
