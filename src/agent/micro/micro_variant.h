#pragma once
// What every micro variant shares: family, category, and that it applies everywhere
// (missing capabilities are reported per item, as `skipped` with the reason).

#include "agent/variant.h"

namespace agent::micro {

class MicroVariant : public Variant {
 public:
  std::string Family() const override { return "micro"; }
  std::string Category() const override { return "micro"; }
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
};

}  // namespace agent::micro
