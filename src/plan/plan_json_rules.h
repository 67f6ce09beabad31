#pragma once
// Cross-reference and consistency rules of a loaded plan file (docs/plan-schema.md,
// "Consistency rules"). Internal to plan/: throws util::JsonFieldError with the field path.

#include "plan/model.h"

namespace plan {

void CheckLoadedPlan(const Plan& plan);

}  // namespace plan
