#pragma once
// What every micro variant shares: it applies everywhere (missing capabilities are
// reported per item, as `skipped` with the reason). Family and category: bench/variants.h.

#include "agent/variant.h"

namespace agent::micro {

class MicroVariant : public Variant {
 public:
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
};

}  // namespace agent::micro
